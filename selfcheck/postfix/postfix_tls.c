/*
 * postfix_tls - postfix.tls_off and postfix.tls_legacy_protocols: does
 * smtpd offer STARTTLS, and which protocol versions may it speak?
 *
 * TLS is off when smtpd_tls_security_level is "none", or empty with the
 * obsolete smtpd_use_tls and smtpd_enforce_tls both "no" (a non-empty
 * level overrides them); when it is on without a certificate
 * (smtpd_tls_chain_files, smtpd_tls_cert_file, smtpd_tls_eccert_file and
 * smtpd_tls_dcert_file all empty: smtpd then logs "No server certs
 * available" and offers no STARTTLS); when the level is one smtpd does
 * not know (smtpd will not start); and when a protocol list holds a name
 * Postfix does not know (it then aborts every TLS handshake).
 *
 * Protocol lists are read as Postfix's tls_proto_mask_lims() reads them:
 * elements split at white space, commas and colons; ">=V" and "<=V" set
 * bounds (V a name or a hexadecimal version, 0301 = TLSv1); "!NAME"
 * excludes; a bare NAME includes, and once any is included the others
 * are excluded; an empty list allows every version. Names are
 * case-sensitive, as in Postfix. A list that lets TLSv1.1 or older
 * through is reported even though the OpenSSL configuration may refuse
 * it on the wire: the setting is what this group audits, the tls group
 * tests the wire.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "postfix.h"
#include "postfix_list.h"
#include "postfix_text.h"

struct proto {
	const char *name;
	int version;                 /* the wire version number */
};

static const struct proto protos[] = {
	{ "SSLv2", 0x0002 }, { "SSLv3", 0x0300 }, { "TLSv1", 0x0301 },
	{ "TLSv1.1", 0x0302 }, { "TLSv1.2", 0x0303 }, { "TLSv1.3", 0x0304 },
};
#define NPROTOS (sizeof(protos) / sizeof(protos[0]))
#define FIRST_GOOD 0x0303        /* TLS 1.2 */

struct plist {
	unsigned include, exclude;   /* bit i: protos[i] */
	long floor, ceiling;         /* 0: none */
	char bad[64];                /* the first unknown element, if any */
};

/* proto_bit - the bit of NAME, or 0 */
static unsigned proto_bit(const char *name)
{
	size_t i;

	for (i = 0; i < NPROTOS; i++)
		if (strcmp(name, protos[i].name) == 0)
			return 1u << i;
	return 0;
}

/* bound - a ">=" or "<=" operand: a name or a hexadecimal number */
static int bound(const char *s, long *out)
{
	unsigned bit = proto_bit(s);
	unsigned long v;
	char *end;
	size_t i;

	if (bit != 0) {
		for (i = 0; !(bit & (1u << i)); i++)
			;
		*out = protos[i].version;
		return 0;
	}
	if (s[0] == '-' || s[0] == '+')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 16);
	if (*end != '\0' || errno != 0 || v > 0x7fffffff)
		return -1;
	*out = (long) v;
	return 0;
}

/* element - one element of a protocol list; -1 if Postfix refuses it */
static int element(const char *e, struct plist *pl)
{
	unsigned bit;

	if (strncmp(e, ">=", 2) == 0)
		return bound(e + 2, &pl->floor);
	if (strncmp(e, "<=", 2) == 0)
		return bound(e + 2, &pl->ceiling);
	if (e[0] == '!') {
		bit = proto_bit(e + 1);
		pl->exclude |= bit;
	} else {
		bit = proto_bit(e);
		pl->include |= bit;
	}
	return bit ? 0 : -1;
}

/* parse_protocols - VALUE into PL; -1 (PL->bad set) if Postfix would
 * refuse the list */
static int parse_protocols(const char *value, struct plist *pl)
{
	const char *cur = value, *tok;
	char e[64];
	size_t len;

	memset(pl, 0, sizeof(*pl));
	while (sc_postfix_list_next(&cur, SC_POSTFIX_LIST_SEPC, &tok, &len)) {
		if (sc_postfix_list_copy(tok, len, e, sizeof(e)) != 0
		    || element(e, pl) != 0) {
			sc_pf_set(pl->bad, sizeof(pl->bad), "%.*s",
				 (int) (len < 40 ? len : 40), tok);
			return -1;
		}
	}
	return 0;
}

/* allowed - protos[I] passes the list */
static int allowed(const struct plist *pl, size_t i)
{
	unsigned bit = 1u << i;
	long v = protos[i].version;

	if (pl->exclude & bit)
		return 0;
	if (pl->include && !(pl->include & bit))
		return 0;
	if (pl->floor && v < pl->floor)
		return 0;
	return !(pl->ceiling && v > pl->ceiling);
}

/* legacy - the names of the old versions PL allows, into BUF */
static void legacy(const struct plist *pl, char *buf, size_t size)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < NPROTOS && protos[i].version < FIRST_GOOD; i++)
		if (allowed(pl, i))
			sc_pf_append(buf, size, ", ", "%s", protos[i].name);
}

struct tls_report {
	char off[1200];              /* evidence for postfix.tls_off */
	char old[1200];              /* evidence for tls_legacy_protocols */
};

/* protocols - one protocol parameter */
static void protocols(const struct sc_postconf *pc, const char *param,
		      struct tls_report *t)
{
	const char *v = sc_postconf_get(pc, param);
	struct plist pl;
	char names[80];

	if (v == NULL)
		return;
	if (parse_protocols(v, &pl) != 0) {
		sc_pf_append(t->off, sizeof(t->off), "\n", "%s = %.200s", param, v);
		sc_pf_append(t->off, sizeof(t->off), "\n", "  -> \"%s\" is not a protocol Postfix knows:"
		     " it aborts every TLS handshake", pl.bad);
		return;
	}
	legacy(&pl, names, sizeof(names));
	if (names[0] != '\0') {
		sc_pf_append(t->old, sizeof(t->old), "\n", "%s = %.200s", param, v[0] ? v : "(empty)");
		sc_pf_append(t->old, sizeof(t->old), "\n", "  -> allows %s", names);
	}
}

/* is_yes - a Postfix boolean that is on */
static int is_yes(const char *v)
{
	return v != NULL && strcasecmp(v, "yes") == 0;
}

/* has_cert - some server certificate is configured */
static int has_cert(const struct sc_postconf *pc)
{
	static const char *const params[] = {
		"smtpd_tls_chain_files", "smtpd_tls_cert_file",
		"smtpd_tls_eccert_file", "smtpd_tls_dcert_file",
	};
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(params) / sizeof(params[0]); i++)
		if ((v = sc_postconf_get(pc, params[i])) != NULL && v[0] != '\0')
			return 1;
	return 0;
}

/* level - is TLS on by the level parameters? Writes why not into T. */
static int level(const struct sc_postconf *pc, struct tls_report *t)
{
	static const char *const known[] = {
		"may", "encrypt", "verify", "secure", "fingerprint", "dane",
		"dane-only",
	};
	const char *lvl = sc_postconf_get(pc, "smtpd_tls_security_level");
	size_t i;

	if (lvl != NULL && strcasecmp(lvl, "none") == 0) {
		sc_pf_append(t->off, sizeof(t->off), "\n", "smtpd_tls_security_level = none");
		return 0;
	}
	if (lvl == NULL || lvl[0] == '\0') {
		if (is_yes(sc_postconf_get(pc, "smtpd_use_tls"))
		    || is_yes(sc_postconf_get(pc, "smtpd_enforce_tls")))
			return 1;
		sc_pf_append(t->off, sizeof(t->off), "\n", "smtpd_tls_security_level is empty and"
		     " smtpd_use_tls = smtpd_enforce_tls = no");
		return 0;
	}
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcasecmp(lvl, known[i]) == 0)
			return 1;
	sc_pf_append(t->off, sizeof(t->off), "\n", "smtpd_tls_security_level = %.100s: not a level"
	     " smtpd knows; it will not start", lvl);
	return 0;
}

void sc_pf_tls(struct sc_report *r, const struct sc_postconf *pc)
{
	struct tls_report t;
	int on;

	if (sc_postconf_get(pc, "smtpd_tls_security_level") == NULL
	    && sc_postconf_get(pc, "smtpd_use_tls") == NULL)
		return;
	memset(&t, 0, sizeof(t));
	on = level(pc, &t);
	if (on && !has_cert(pc))
		sc_pf_append(t.off, sizeof(t.off), "\n", "TLS is on, but smtpd_tls_chain_files and"
		     " smtpd_tls_cert_file are empty: no certificate, so smtpd"
		     " offers no STARTTLS");
	protocols(pc, "smtpd_tls_protocols", &t);
	protocols(pc, "smtpd_tls_mandatory_protocols", &t);
	if (t.off[0] != '\0')
		sc_found(r, SC_ID_POSTFIX_TLS_OFF, "%s", t.off);
	if (t.old[0] != '\0')
		sc_found(r, SC_ID_POSTFIX_TLS_LEGACY_PROTOCOLS, "%s\n%s%s%s", t.old,
			 on ? "" : "(TLS is off now: this applies once it is on.) ",
			 "The OpenSSL configuration (tls_config_file) may refuse"
			 " these versions on the wire anyway (Debian 12's does"
			 " not); the setting is audited here, the tls checks"
			 " test what the server accepts. tls_config_file = ",
			 sc_postconf_get(pc, "tls_config_file") ?
			 sc_postconf_get(pc, "tls_config_file") : "(not printed)");
}
