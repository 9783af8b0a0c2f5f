/* SPDX-License-Identifier: ISC */
/*
 * Why a received packet (or one LSA in it) was dropped. One enum, one string table:
 * the codec returns these, and the receive path counts them per interface.
 */
#ifndef OSPFD_DROP_H
#define OSPFD_DROP_H

enum drop_reason {
	DROP_NONE = 0,
	/* common header (RFC 2328 A.3.1) */
	DROP_TRUNCATED_HEADER,	   /* fewer than 24 bytes */
	DROP_BAD_VERSION,	   /* version is not 2 */
	DROP_BAD_TYPE,		   /* packet type not 1..5 */
	DROP_LENGTH_TOO_SHORT,	   /* header length below 24 or the type's fixed part */
	DROP_LENGTH_OVERRUN,	   /* header length beyond the received bytes */
	DROP_BAD_CHECKSUM,	   /* IP-style packet checksum (RFC 2328 D.4.1) */
	DROP_BAD_AUTH_TYPE,	   /* authentication type not 0, 1 or 2 */
	DROP_BAD_AUTH_LENGTH,	   /* crypto auth data length not 16/20/32/48/64 */
	DROP_AUTH_TRAILER_OVERRUN, /* the digest trailer runs past the received bytes */
	/* bodies (RFC 2328 A.3.2 - A.3.6) */
	DROP_HELLO_ALIGN,	/* neighbor list not a whole number of router ids */
	DROP_DD_ALIGN,		/* LSA header list not a whole number of headers */
	DROP_LSR_ALIGN,		/* request list not a whole number of entries */
	DROP_LSU_COUNT_OVERRUN, /* more LSAs announced than can fit */
	DROP_LSU_TRAILING,	/* bytes left after the announced LSAs */
	DROP_LSACK_ALIGN,	/* LSA header list not a whole number of headers */
	/* LSAs (RFC 2328 A.4) */
	DROP_LSA_TOO_SHORT,	/* LSA length field below 20 */
	DROP_LSA_OVERRUN,	/* LSA length runs past the packet */
	DROP_LSA_ALIGN,		/* LSA length not a multiple of 4 */
	DROP_LSA_ROUTER_BODY,	/* router-LSA links do not fill the LSA exactly */
	DROP_LSA_NETWORK_BODY,	/* network-LSA without its mask */
	DROP_LSA_SUMMARY_BODY,	/* summary-LSA without its mask and metric */
	DROP_LSA_EXTERNAL_BODY, /* AS-external/NSSA body not mask + 12-byte entries */
	DROP_LSA_BAD_CHECKSUM,	/* Fletcher checksum (RFC 2328 12.1.7) */
	DROP_NO_MEMORY,
	/* receive checks (RFC 2328 8.2) */
	DROP_OWN_PACKET,	 /* sent by us (looped back) */
	DROP_WRONG_DESTINATION,	 /* not to us, AllSPFRouters, or AllDRouters as DR/BDR */
	DROP_WRONG_AREA,	 /* area id differs from the interface's */
	DROP_WRONG_SUBNET,	 /* source not on the interface's network */
	DROP_AUTH_MISMATCH,	 /* authentication type not as configured (RFC 2328 D) */
	DROP_AUTH_BAD_PASSWORD,	 /* simple password differs (D.4.2) */
	DROP_AUTH_UNKNOWN_KEY,	 /* crypto key id not configured (D.4.3) */
	DROP_AUTH_DIGEST_LENGTH, /* digest length not that of the key's algorithm */
	DROP_AUTH_BAD_DIGEST,	 /* digest does not verify (D.4.3, RFC 5709) */
	DROP_AUTH_SEQ_DECREASE,	 /* crypto sequence number below the neighbor's last */
	DROP_IFACE_INACTIVE,	 /* interface down, loopback or passive */
	DROP_UNKNOWN_NEIGHBOR,	 /* non-Hello packet from no known neighbor */
	/* Hello (10.5) */
	DROP_HELLO_MASK_MISMATCH,
	DROP_HELLO_INTERVAL_MISMATCH,
	DROP_DEAD_INTERVAL_MISMATCH,
	DROP_HELLO_OPTIONS_MISMATCH, /* E bit (or N bit) differs from the area's type */
	DROP_DUPLICATE_ROUTER_ID,    /* a neighbor uses our router id */
	/* database exchange and requests (10.6, 10.7) */
	DROP_MTU_MISMATCH,    /* DD interface MTU above ours */
	DROP_NBR_STATE,	      /* packet not accepted in the neighbor's state */
	DROP_DD_SEQ_MISMATCH, /* DD out of sequence (SeqNumberMismatch) */
	DROP_DD_DUPLICATE,    /* a DD the master has seen already (10.6) */
	DROP_BAD_LS_REQ,      /* request for an LSA we do not have */
	DROP_LSA_BAD_TYPE,    /* LSA type unknown or not allowed in this area */
	DROP_LSA_MIN_ARRIVAL, /* a newer instance within MinLSArrival (13 step 5a) */
	DROP_LSA_OPAQUE,      /* opaque LSA (9-11): no opaque capability (RFC 5250 3) */
	DROP_REASON_MAX
};

/* Stable short name, used as a JSON key and in counters: "bad-checksum". */
const char *drop_reason_name(enum drop_reason r);
/* One-line human description: "packet checksum is wrong". */
const char *drop_reason_str(enum drop_reason r);

#endif
