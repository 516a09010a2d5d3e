/*
 * postfix_mynetworks - postfix.mynetworks_broad: whom does Postfix trust
 * like itself? Clients in mynetworks pass permit_mynetworks, which in
 * the usual restriction lists means they may relay anywhere.
 *
 * The rule, for each network of the expanded mynetworks ("!" exclusions
 * are skipped; a bare address is a /32 or /128; an IPv4-mapped IPv6
 * network is judged as the IPv4 network it holds):
 *   - larger than /8 (IPv4) or /16 (IPv6), private or not: broad
 *     (0.0.0.0/0 trusts the whole Internet);
 *   - otherwise, not inside a private block and larger than /24 (IPv4)
 *     or /48 (IPv6): broad. Private blocks: 10/8, 172.16/12,
 *     192.168/16, 127/8, 100.64/10 (RFC 6598 shared space), ::1,
 *     fc00::/7, fe80::/10.
 * A file (/path), a table (type:name) or anything that does not parse
 * cannot be judged: it is named in the evidence when other entries are
 * broad, and never a finding on its own.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "netaddr.h"
#include "postfix.h"
#include "postfix_list.h"
#include "postfix_text.h"

static const char *const private_nets[] = {
	"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8",
	"100.64.0.0/10", "::1/128", "fc00::/7", "fe80::/10",
};

struct verdicts {
	char broad[1024];
	char unjudged[512];
};

/* is_private - NET lies wholly inside one of the private blocks */
static int is_private(const struct netaddr_cidr *net)
{
	struct netaddr_cidr b;
	size_t i;

	for (i = 0; i < sizeof(private_nets) / sizeof(private_nets[0]); i++) {
		if (netaddr_cidr_parse(private_nets[i], &b) != 0)
			continue;
		if (net->prefix >= b.prefix && netaddr_in_cidr(&net->addr, &b))
			return 1;
	}
	return 0;
}

/* parse - "[ADDR]/LEN", "[ADDR]", "ADDR/LEN" or "ADDR" */
static int parse(const char *entry, struct netaddr_cidr *net)
{
	char buf[NETADDR_STRLEN + 8];
	const char *close;

	if (entry[0] == '[') {
		close = strchr(entry, ']');
		if (close == NULL || (close[1] != '\0' && close[1] != '/'))
			return -1;
		if ((size_t) (close - entry) + strlen(close + 1) > sizeof(buf))
			return -1;
		sc_pf_set(buf, sizeof(buf), "%.*s%s", (int) (close - entry - 1),
			  entry + 1, close + 1);
		entry = buf;
	}
	if (netaddr_cidr_parse(entry, net) != 0)
		return -1;
	if (net->addr.family == AF_INET6 && net->prefix >= 96) {
		struct netaddr a = net->addr;

		netaddr_unmap(&a);
		if (a.family == AF_INET) {
			net->addr = a;
			net->prefix -= 96;
		}
	}
	return 0;
}

/* judge - one element of mynetworks */
static void judge(const char *entry, struct verdicts *v)
{
	struct netaddr_cidr net;
	char line[160];
	int v4, huge, wide;

	if (entry[0] == '!')
		return;
	if (parse(entry, &net) != 0) {
		sc_pf_append(v->unjudged, sizeof(v->unjudged), "; ", "%s", entry);
		return;
	}
	v4 = net.addr.family == AF_INET;
	huge = net.prefix < (v4 ? 8 : 16);
	wide = net.prefix < (v4 ? 24 : 48);
	if (huge)
		sc_pf_set(line, sizeof(line), "%s (larger than /%d)", entry, v4 ? 8 : 16);
	else if (wide && !is_private(&net))
		sc_pf_set(line, sizeof(line), "%s (public, larger than /%d)", entry,
			 v4 ? 24 : 48);
	else
		return;
	sc_pf_append(v->broad, sizeof(v->broad), "; ", "%s", line);
}

void sc_pf_mynetworks(struct sc_report *r, const struct sc_postconf *pc)
{
	const char *value = sc_postconf_get(pc, "mynetworks");
	const char *cur = value, *tok;
	char entry[128];
	struct verdicts v;
	size_t len;

	if (value == NULL)
		return;
	memset(&v, 0, sizeof(v));
	while (sc_postfix_list_next(&cur, SC_POSTFIX_LIST_SEP, &tok, &len)) {
		if (sc_postfix_list_copy(tok, len, entry, sizeof(entry)) != 0)
			sc_pf_append(v.unjudged, sizeof(v.unjudged), "; ", "(an element too long to show)");
		else
			judge(entry, &v);
	}
	if (v.broad[0] == '\0')
		return;
	sc_found(r, SC_ID_POSTFIX_MYNETWORKS_BROAD,
		 "mynetworks = %.400s\nbroad: %s%s%s", value, v.broad,
		 v.unjudged[0] ? "\nnot judged (file, table or unparsed): " : "",
		 v.unjudged);
}
