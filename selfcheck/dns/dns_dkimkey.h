/*
 * dns_dkimkey - parse one DKIM key record (RFC 6376 3.6.1, RFC 8463)
 * for the dkim checks of authmilter-selfcheck, and measure its key.
 *
 * The record is whatever the zone's owner (or an attacker holding the
 * zone) put in a TXT record: the parser is one bounded pass over the
 * tag-list (3.2 syntax, a repeated tag spoils the list, v= first if
 * present), decodes p= with a strict base64 decoder into a fixed buffer
 * and keeps only flags; nothing in it allocates. Key sizes come from
 * OpenSSL. Pure functions; any thread may call them.
 */
#ifndef AUTHMILTER_SC_DNS_DKIMKEY_H
#define AUTHMILTER_SC_DNS_DKIMKEY_H

#include <stddef.h>

#define SC_DKIM_KEY_MAX 2600    /* octets of a decoded p= (an RSA 16384
                                 * SubjectPublicKeyInfo is about 2.1 KB) */
#define SC_DKIM_RECORD_MAX 8192 /* octets of the record (DNS_MAX_TXT) */
#define SC_DKIM_TAGS_MAX 32     /* tags in the record */

enum sc_dkim_k {
	SC_DKIM_K_RSA,              /* k= absent or "rsa" */
	SC_DKIM_K_ED25519,          /* RFC 8463 */
	SC_DKIM_K_OTHER,            /* a type no verifier knows */
};

enum sc_dkim_key_status {
	SC_DKIM_KEY_OK,
	SC_DKIM_KEY_SYNTAX,         /* not a tag-list, or a NUL/8-bit octet */
	SC_DKIM_KEY_REPEATED,       /* a tag given twice (3.2) */
	SC_DKIM_KEY_VERSION,        /* v= not first, or not "DKIM1" */
	SC_DKIM_KEY_NO_P,           /* no p= tag (it is required) */
	SC_DKIM_KEY_BASE64,         /* p= is not base64 */
	SC_DKIM_KEY_TOOLONG,        /* record, tag count or key too big */
};

struct sc_dkim_key {
	enum sc_dkim_k k;
	char kname[16];             /* k= as written, printable, cut */
	int revoked;                /* p= empty (3.6.1) */
	int testing;                /* t= has y */
	int strict;                 /* t= has s */
	int email;                  /* s= absent, or has email or * */
	int sha256;                 /* h= absent, or has sha256 */
	unsigned char key[SC_DKIM_KEY_MAX]; /* p= decoded */
	size_t keylen;
};

/* sc_dns_dkimkey_parse - TEXT of LEN octets (the TXT strings joined, may
 * hold NULs) into OUT. On an error ERR (ERRLEN > 0) says what, in
 * printable ASCII, and OUT holds what was read before it. */
enum sc_dkim_key_status sc_dns_dkimkey_parse(const char *text, size_t len,
					     struct sc_dkim_key *out,
					     char *err, size_t errlen);

/* sc_dns_dkimkey_rsa_bits - the modulus size of K's RSA key (p= holding a
 * SubjectPublicKeyInfo, or the RFC 3447 RSAPublicKey that RFC 6376's
 * text names), or -1 if p= holds no RSA public key. */
int sc_dns_dkimkey_rsa_bits(const struct sc_dkim_key *k);

#endif
