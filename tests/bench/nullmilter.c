/*
 * nullmilter - a libmilter filter that accepts everything: the floor of
 * what the framework itself costs, for the benchmark to compare with.
 *
 *	nullmilter -p SOCKET [-b] [-f]	(SOCKET as libmilter takes it, e.g.
 *					inet:8899@127.0.0.1 or unix:/path)
 *
 * By default it asks the MTA for what authmilter asks for, negotiated the
 * same way (the same steps skipped, the same steps without a reply, the
 * same header actions), and does nothing with it: the same wire, without
 * the work. So "authmilter / null" measures authmilter's own cost.
 *
 * With -b (bare) it has only an end-of-message callback; libmilter then
 * tells the MTA to send no header and no body at all. That is the floor
 * of a filter that reads nothing, shown for reference.
 *
 * It always runs in the foreground (-f is accepted for symmetry with the
 * daemons it stands next to). SIGTERM, SIGINT and SIGHUP make smfi_main()
 * return (libmilter handles them).
 */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include <libmilter/mfapi.h>

/* What authmilter negotiates (milter/callbacks.c: cb_negotiate). */
#define NULL_ACTIONS (SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_QUARANTINE)
#define NULL_SKIP (SMFIP_NORCPT | SMFIP_NOUNKNOWN | SMFIP_NODATA)
#define NULL_NOREPLY (SMFIP_NR_HELO | SMFIP_NR_HDR | SMFIP_NR_BODY)

/* null_negotiate - take the same options authmilter takes; the no-reply
 * steps agreed on are kept in the context's private pointer (a number,
 * nothing to free) */
static sfsistat null_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1,
			       unsigned long f2, unsigned long f3,
			       unsigned long *pf0, unsigned long *pf1,
			       unsigned long *pf2, unsigned long *pf3)
{
	(void) f2;
	(void) f3;
	*pf0 = f0 & NULL_ACTIONS;
	*pf1 = f1 & (NULL_SKIP | NULL_NOREPLY | SMFIP_HDR_LEADSPC);
	*pf2 = 0;
	*pf3 = 0;
	smfi_setpriv(ctx, (void *) (uintptr_t) (f1 & NULL_NOREPLY));
	return SMFIS_CONTINUE;
}

/* nr - the MTA agreed not to wait for an answer to this step */
static int nr(SMFICTX *ctx, unsigned long flag)
{
	return ((uintptr_t) smfi_getpriv(ctx) & flag) != 0;
}

static sfsistat null_connect(SMFICTX *ctx, char *host, _SOCK_ADDR *addr)
{
	(void) ctx, (void) host, (void) addr;
	return SMFIS_CONTINUE;
}

static sfsistat null_helo(SMFICTX *ctx, char *helo)
{
	(void) helo;
	return nr(ctx, SMFIP_NR_HELO) ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

static sfsistat null_envfrom(SMFICTX *ctx, char **argv)
{
	(void) ctx, (void) argv;
	return SMFIS_CONTINUE;
}

static sfsistat null_header(SMFICTX *ctx, char *name, char *value)
{
	(void) name, (void) value;
	return nr(ctx, SMFIP_NR_HDR) ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

static sfsistat null_body(SMFICTX *ctx, unsigned char *chunk, size_t len)
{
	(void) chunk, (void) len;
	return nr(ctx, SMFIP_NR_BODY) ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

/* null_eom - let the message through unchanged */
static sfsistat null_eom(SMFICTX *ctx)
{
	(void) ctx;
	return SMFIS_CONTINUE;
}

static struct smfiDesc same_desc = {
	.xxfi_name = "nullmilter",
	.xxfi_version = SMFI_VERSION,
	.xxfi_flags = NULL_ACTIONS,
	.xxfi_connect = null_connect,
	.xxfi_helo = null_helo,
	.xxfi_envfrom = null_envfrom,
	.xxfi_header = null_header,
	.xxfi_body = null_body,
	.xxfi_eom = null_eom,
	.xxfi_negotiate = null_negotiate,
};

static struct smfiDesc bare_desc = {
	.xxfi_name = "nullmilter",
	.xxfi_version = SMFI_VERSION,
	.xxfi_flags = 0,
	.xxfi_eom = null_eom,
};

int main(int argc, char **argv)
{
	const char *sock = NULL;
	int ch, bad = 0, bare = 0;

	while ((ch = getopt(argc, argv, "bfp:")) != -1) {
		if (ch == 'p')
			sock = optarg;
		else if (ch == 'b')
			bare = 1;
		else if (ch != 'f')
			bad = 1;
	}
	if (bad || sock == NULL || optind != argc) {
		fprintf(stderr, "usage: nullmilter -p SOCKET [-b] [-f]\n");
		return 2;
	}
	/* open the socket now (removing a stale unix one) so that a port
	 * in use is an error here, not a silent retry loop later */
	if (smfi_setconn((char *) sock) != MI_SUCCESS
	    || smfi_register(bare ? bare_desc : same_desc) != MI_SUCCESS
	    || smfi_opensocket(1) != MI_SUCCESS) {
		fprintf(stderr, "nullmilter: cannot use socket %s\n", sock);
		return 1;
	}
	return smfi_main() == MI_SUCCESS ? 0 : 1;
}
