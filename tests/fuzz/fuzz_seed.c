/* SPDX-License-Identifier: ISC */
/*
 * fuzz_seed [--lsa] OUTDIR FILE...
 *
 * Writes a seed corpus from packet captures: each OSPF packet (IP protocol 89) of each FILE
 * to OUTDIR/<basename>-<frame>, for fuzz_packet; with --lsa, each LSA carried in a Link State
 * Update to OUTDIR/<basename>-<frame>-<n>, for fuzz_lsa. A FILE that is not a capture is
 * skipped with a warning, so a glob over a captures folder may include its notes.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "packet.h"
#include "pcapread.h"
#include "wire.h"

#define IPPROTO_OSPF 89

struct seeder {
	const char *outdir;
	bool lsa;
	unsigned long written;
};

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static int write_seed(struct seeder *s, const char *name, const uint8_t *buf, size_t len)
{
	char path[4096];
	FILE *f;
	bool ok;
	int n = snprintf(path, sizeof(path), "%s/%s", s->outdir, name);

	if (n < 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "fuzz_seed: path too long: %s/%s\n", s->outdir, name);
		return -1;
	}
	f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "fuzz_seed: %s: %s\n", path, strerror(errno));
		return -1;
	}
	ok = !len || fwrite(buf, len, 1, f) == 1;
	if (fclose(f) != 0)
		ok = false;
	if (!ok) {
		fprintf(stderr, "fuzz_seed: %s: write failed\n", path);
		return -1;
	}
	s->written++;
	return 0;
}

/*
 * RFC 2328 A.3.5: the LSAs of an LSU, each as far as its length field stays inside the
 * packet (a truncated capture still gives the LSAs before the cut).
 */
static int write_lsas(struct seeder *s, const char *base, unsigned long frame, const uint8_t *pkt,
		      size_t len)
{
	size_t plen, off = OSPF_HEADER_LEN + 4;
	uint32_t count, i;
	char name[1024];

	if (len < OSPF_HEADER_LEN + 4 || pkt[0] != OSPF_VERSION || pkt[1] != OSPF_PKT_LSU)
		return 0;
	plen = get16(pkt + 2);
	if (plen > len)
		plen = len;
	count = get32(pkt + OSPF_HEADER_LEN);
	for (i = 0; i < count && off + LSA_HEADER_LEN <= plen; i++) {
		size_t l = get16(pkt + off + 18);

		if (l < LSA_HEADER_LEN || l > plen - off)
			break;
		snprintf(name, sizeof(name), "%s-%lu-%u", base, frame, i + 1);
		if (write_seed(s, name, pkt + off, l))
			return -1;
		off += l;
	}
	return 0;
}

/* 0: done (or skipped with a warning); -1: a seed could not be written. */
static int seed_file(struct seeder *s, const char *path)
{
	char err[512] = "", name[1024];
	const char *base = base_name(path);
	struct pcapread *r = pcapread_open(path, IPPROTO_OSPF, err, sizeof(err));
	struct pcapread_pkt pkt;
	int rc = 0, more;

	if (!r) {
		fprintf(stderr, "fuzz_seed: skipping %s: %s\n", path, err);
		return 0;
	}
	while ((more = pcapread_next(r, &pkt, err, sizeof(err))) == 1) {
		if (pkt.fragment)
			continue;
		if (s->lsa) {
			rc = write_lsas(s, base, pkt.frame, pkt.payload, pkt.len);
		} else {
			snprintf(name, sizeof(name), "%s-%lu", base, pkt.frame);
			rc = write_seed(s, name, pkt.payload, pkt.len);
		}
		if (rc)
			break;
	}
	if (more < 0)
		fprintf(stderr, "fuzz_seed: %s: %s (seeds before it kept)\n", path, err);
	pcapread_close(r);
	return rc;
}

static void usage(void)
{
	fprintf(stderr, "usage: fuzz_seed [--lsa] OUTDIR FILE...\n"
			"  writes each OSPF packet of the capture FILEs to OUTDIR/<file>-<frame>;\n"
			"  with --lsa, each LSA of each LS Update to OUTDIR/<file>-<frame>-<n>\n");
}

int main(int argc, char **argv)
{
	struct seeder s = { 0 };
	int i = 1;

	if (i < argc && !strcmp(argv[i], "--lsa")) {
		s.lsa = true;
		i++;
	}
	if (argc - i < 2 || argv[i][0] == '-') {
		usage();
		return 2;
	}
	s.outdir = argv[i++];
	if (mkdir(s.outdir, 0777) && errno != EEXIST) {
		fprintf(stderr, "fuzz_seed: %s: %s\n", s.outdir, strerror(errno));
		return 1;
	}
	for (; i < argc; i++)
		if (seed_file(&s, argv[i]))
			return 1;
	fprintf(stderr, "fuzz_seed: %lu %s seeds in %s\n", s.written, s.lsa ? "LSA" : "packet",
		s.outdir);
	return 0;
}
