/* SPDX-License-Identifier: ISC */
#include "drop.h"

static const struct {
	const char *name;
	const char *str;
} drop_reasons[DROP_REASON_MAX] = {
	[DROP_NONE] = {
		"none",
		"no error",
	},
	[DROP_TRUNCATED_HEADER] = {
		"truncated-header",
		"shorter than the 24-byte OSPF header",
	},
	[DROP_BAD_VERSION] = {
		"bad-version",
		"OSPF version is not 2",
	},
	[DROP_BAD_TYPE] = {
		"bad-type",
		"unknown OSPF packet type",
	},
	[DROP_LENGTH_TOO_SHORT] = {
		"length-too-short",
		"packet length field too short for the packet type",
	},
	[DROP_LENGTH_OVERRUN] = {
		"length-overrun",
		"packet length field runs past the received bytes",
	},
	[DROP_BAD_CHECKSUM] = {
		"bad-checksum",
		"packet checksum is wrong",
	},
	[DROP_BAD_AUTH_TYPE] = {
		"bad-auth-type",
		"unknown authentication type",
	},
	[DROP_BAD_AUTH_LENGTH] = {
		"bad-auth-length",
		"cryptographic authentication data length is not 16, 20, 32, 48 or 64",
	},
	[DROP_AUTH_TRAILER_OVERRUN] = {
		"auth-trailer-overrun",
		"authentication digest runs past the received bytes",
	},
	[DROP_HELLO_ALIGN] = {
		"hello-align",
		"Hello neighbor list is not a multiple of 4 bytes",
	},
	[DROP_DD_ALIGN] = {
		"dd-align",
		"Database Description LSA headers are not a multiple of 20 bytes",
	},
	[DROP_LSR_ALIGN] = {
		"lsr-align",
		"Link State Request entries are not a multiple of 12 bytes",
	},
	[DROP_LSU_COUNT_OVERRUN] = {
		"lsu-count-overrun",
		"Link State Update announces more LSAs than it carries",
	},
	[DROP_LSU_TRAILING] = {
		"lsu-trailing",
		"Link State Update has bytes after its LSAs",
	},
	[DROP_LSACK_ALIGN] = {
		"lsack-align",
		"Link State Acknowledgment headers are not a multiple of 20 bytes",
	},
	[DROP_LSA_TOO_SHORT] = {
		"lsa-too-short",
		"LSA length field is below 20",
	},
	[DROP_LSA_OVERRUN] = {
		"lsa-overrun",
		"LSA length runs past the packet",
	},
	[DROP_LSA_ALIGN] = {
		"lsa-align",
		"LSA length is not a multiple of 4",
	},
	[DROP_LSA_ROUTER_BODY] = {
		"lsa-router-body",
		"router-LSA links do not fill the LSA exactly",
	},
	[DROP_LSA_NETWORK_BODY] = {
		"lsa-network-body",
		"network-LSA body is not a mask and attached routers",
	},
	[DROP_LSA_SUMMARY_BODY] = {
		"lsa-summary-body",
		"summary-LSA body is not a mask, metric and TOS entries",
	},
	[DROP_LSA_EXTERNAL_BODY] = {
		"lsa-external-body",
		"external-LSA body is not a mask and 12-byte entries",
	},
	[DROP_LSA_BAD_CHECKSUM] = {
		"lsa-bad-checksum",
		"LSA checksum is wrong",
	},
	[DROP_NO_MEMORY] = {
		"no-memory",
		"out of memory",
	},
	[DROP_OWN_PACKET] = {
		"own-packet",
		"our own packet, looped back",
	},
	[DROP_WRONG_DESTINATION] = {
		"wrong-destination",
		"destination is not us, AllSPFRouters, or AllDRouters while DR or BDR",
	},
	[DROP_WRONG_AREA] = {
		"wrong-area",
		"area id differs from the interface's area",
	},
	[DROP_WRONG_SUBNET] = {
		"wrong-subnet",
		"source is not on the interface's network",
	},
	[DROP_AUTH_MISMATCH] = {
		"auth-mismatch",
		"authentication type differs from the interface's",
	},
	[DROP_AUTH_BAD_PASSWORD] = {
		"auth-bad-password",
		"simple authentication password is wrong",
	},
	[DROP_AUTH_UNKNOWN_KEY] = {
		"auth-unknown-key",
		"cryptographic authentication key id is not configured",
	},
	[DROP_AUTH_DIGEST_LENGTH] = {
		"auth-digest-length",
		"cryptographic digest length does not match the key's algorithm",
	},
	[DROP_AUTH_BAD_DIGEST] = {
		"auth-bad-digest",
		"cryptographic digest is wrong",
	},
	[DROP_AUTH_SEQ_DECREASE] = {
		"auth-sequence-decrease",
		"cryptographic sequence number is below the neighbor's last",
	},
	[DROP_IFACE_INACTIVE] = {
		"iface-inactive",
		"interface is down, loopback or passive",
	},
	[DROP_UNKNOWN_NEIGHBOR] = {
		"unknown-neighbor",
		"packet from no known neighbor",
	},
	[DROP_HELLO_MASK_MISMATCH] = {
		"hello-mask-mismatch",
		"Hello network mask differs from ours",
	},
	[DROP_HELLO_INTERVAL_MISMATCH] = {
		"hello-interval-mismatch",
		"Hello interval differs from ours",
	},
	[DROP_DEAD_INTERVAL_MISMATCH] = {
		"dead-interval-mismatch",
		"router dead interval differs from ours",
	},
	[DROP_HELLO_OPTIONS_MISMATCH] = {
		"hello-options-mismatch",
		"Hello E or N option differs from the area's type",
	},
	[DROP_DUPLICATE_ROUTER_ID] = {
		"duplicate-router-id",
		"neighbor uses our router id",
	},
	[DROP_MTU_MISMATCH] = {
		"mtu-mismatch",
		"Database Description MTU is larger than ours",
	},
	[DROP_NBR_STATE] = {
		"neighbor-state",
		"packet not accepted in the neighbor's current state",
	},
	[DROP_DD_SEQ_MISMATCH] = {
		"dd-sequence-mismatch",
		"Database Description out of sequence",
	},
	[DROP_DD_DUPLICATE] = {
		"dd-duplicate",
		"Database Description seen already (master discards it)",
	},
	[DROP_BAD_LS_REQ] = {
		"bad-ls-request",
		"request for an LSA we do not have",
	},
	[DROP_LSA_MIN_ARRIVAL] = {
		"lsa-min-arrival",
		"newer LSA instance arrived within MinLSArrival of the last",
	},
	[DROP_LSA_BAD_TYPE] = {
		"lsa-bad-type",
		"LSA type unknown or not allowed in this area",
	},
	[DROP_LSA_OPAQUE] = {
		"lsa-opaque",
		"opaque LSA (type 9, 10 or 11) and no opaque capability",
	},
};

const char *drop_reason_name(enum drop_reason r)
{
	if ((unsigned)r >= DROP_REASON_MAX || !drop_reasons[r].name)
		return "unknown";
	return drop_reasons[r].name;
}

const char *drop_reason_str(enum drop_reason r)
{
	if ((unsigned)r >= DROP_REASON_MAX || !drop_reasons[r].str)
		return "unknown reason";
	return drop_reasons[r].str;
}
