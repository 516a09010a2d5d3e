/*
 * test_dns_packet - reading records out of an answer packet: the chain
 * from the asked name, TTLs, caps, and a table of hostile packets (loops,
 * truncation, compression tricks, records that answer another name).
 */
#include <stdio.h>
#include <string.h>

#include "tests/lib/tap.h"
#include "policy/dns_packet.h"

/* A packet under construction. */
struct pkt {
	unsigned char b[8192];
	size_t n;
};

static void put8(struct pkt *p, unsigned v)
{
	if (p->n < sizeof(p->b))
		p->b[p->n++] = (unsigned char) v;
}

static void put16(struct pkt *p, unsigned v)
{
	put8(p, v >> 8);
	put8(p, v & 0xff);
}

static void put32(struct pkt *p, unsigned long v)
{
	put16(p, (unsigned) (v >> 16));
	put16(p, (unsigned) (v & 0xffff));
}

static void put_bytes(struct pkt *p, const char *s, size_t len)
{
	while (len-- > 0)
		put8(p, (unsigned char) *s++);
}

/* put_name - "a.b" as labels and the root; "" is the root alone */
static void put_name(struct pkt *p, const char *name)
{
	const char *dot;

	while (*name) {
		dot = strchr(name, '.');
		size_t len = dot ? (size_t) (dot - name) : strlen(name);
		put8(p, (unsigned) len);
		put_bytes(p, name, len);
		name += len + (dot != NULL);
	}
	put8(p, 0);
}

/* start - header (response when QR, the rcode, ANCOUNT) and question */
static void start(struct pkt *p, int qr, unsigned rcode, unsigned ancount,
		  const char *qname)
{
	p->n = 0;
	put16(p, 0x1234);
	put16(p, (qr ? 0x8000u : 0) | 0x0400 | rcode);
	put16(p, 1);
	put16(p, ancount);
	put16(p, 0);
	put16(p, 0);
	put_name(p, qname);
	put16(p, 16);
	put16(p, 1);
}

/* rr_head - owner (a name, or a pointer when PTR >= 0), type, class, TTL */
static void rr_head(struct pkt *p, const char *owner, int ptr, unsigned type,
		    unsigned class, unsigned long ttl)
{
	if (ptr >= 0)
		put16(p, 0xc000u | (unsigned) ptr);
	else
		put_name(p, owner);
	put16(p, type);
	put16(p, class);
	put32(p, ttl);
}

/* txt - a TXT record of one string (none when S is NULL) */
static void txt(struct pkt *p, const char *owner, int ptr, unsigned long ttl,
		const char *s)
{
	rr_head(p, owner, ptr, 16, 1, ttl);
	if (s == NULL) {
		put16(p, 0);
		return;
	}
	put16(p, (unsigned) strlen(s) + 1);
	put8(p, (unsigned) strlen(s));
	put_bytes(p, s, strlen(s));
}

/* cname - a CNAME record to TARGET, uncompressed */
static void cname(struct pkt *p, const char *owner, unsigned long ttl,
		  const char *target)
{
	struct pkt t = { .n = 0 };

	put_name(&t, target);
	rr_head(p, owner, -1, 5, 1, ttl);
	put16(p, (unsigned) t.n);
	put_bytes(p, (const char *) t.b, t.n);
}

static int run(const struct pkt *p, const char *qname,
	       struct dns_packet_rrs *out)
{
	return dns_packet_records(p->b, p->n, qname, 16, out);
}

static void test_plain(void)
{
	struct dns_packet_rrs out;
	struct pkt p;

	start(&p, 1, 0, 2, "null.example.com");
	txt(&p, NULL, 12, 300, "v=spf1 -all");
	txt(&p, NULL, 12, 120, NULL);
	ok(run(&p, "null.example.com", &out) == 0 && out.count == 2
	   && out.rcode == 0, "two records, one of them empty, both found");
	ok(out.len[0] == 12 && memcmp(out.rr[0], "\013v=spf1 -all", 12) == 0
	   && out.len[1] == 0, "rdata points at the strings; the empty one is 0 octets");
	is_int(out.ttl, 120, "TTL is the lowest of the records");
	ok(run(&p, "NULL.Example.COM.", &out) == 0 && out.count == 2,
	   "asked name matches in any case, with a trailing dot");
	ok(run(&p, "other.example.com", &out) == 0 && out.count == 0,
	   "records of another owner are not taken");
	start(&p, 1, 3, 0, "gone.example.com");
	ok(run(&p, "gone.example.com", &out) == 0 && out.rcode == 3
	   && out.count == 0, "NXDOMAIN: the rcode is reported, nothing taken");
}

/* chain - c0.example.com through HOPS CNAMEs to a TXT record */
static void chain(struct pkt *p, int hops)
{
	char from[32], to[32];
	int i;

	start(p, 1, 0, (unsigned) hops + 1, "c0.example.com");
	for (i = 0; i < hops; i++) {
		snprintf(from, sizeof(from), "c%d.example.com", i);
		snprintf(to, sizeof(to), "c%d.example.com", i + 1);
		cname(p, from, 300, to);
	}
	snprintf(to, sizeof(to), "c%d.example.com", hops);
	txt(p, to, -1, 300, "end");
}

static void test_chain(void)
{
	struct dns_packet_rrs out;
	struct pkt p;

	start(&p, 1, 0, 3, "alias.example.com");
	cname(&p, "alias.example.com", 60, "mid.example.com");
	cname(&p, "mid.example.com", 600, "real.example.com");
	txt(&p, "real.example.com", -1, 300, NULL);
	ok(run(&p, "alias.example.com", &out) == 0 && out.count == 1
	   && out.len[0] == 0, "two CNAMEs followed to the record");
	is_int(out.ttl, 60, "TTL of a chained answer is the lowest on the chain");
	start(&p, 1, 0, 2, "a.example.com");
	txt(&p, "real.example.com", -1, 300, "beside");
	txt(&p, "a.example.com", -1, 300, NULL);
	ok(run(&p, "a.example.com", &out) == 0 && out.count == 1
	   && out.len[0] == 0, "a record of an unrelated owner stays out");
	chain(&p, DNS_PACKET_MAX_CHAIN);
	ok(run(&p, "c0.example.com", &out) == 0 && out.count == 1,
	   "a chain of %d CNAMEs is followed", DNS_PACKET_MAX_CHAIN);
	chain(&p, DNS_PACKET_MAX_CHAIN + 1);
	ok(run(&p, "c0.example.com", &out) < 0, "a chain of %d CNAMEs is refused",
	   DNS_PACKET_MAX_CHAIN + 1);
}

static void test_cap(void)
{
	struct dns_packet_rrs out;
	struct pkt p;
	int i;

	start(&p, 1, 0, DNS_MAX_RR + 6, "many.example.com");
	for (i = 0; i < DNS_MAX_RR + 6; i++)
		txt(&p, NULL, 12, 300, "x");
	ok(run(&p, "many.example.com", &out) == 0 && out.count == DNS_MAX_RR,
	   "%d records are capped at %d", DNS_MAX_RR + 6, DNS_MAX_RR);
}

/* Hostile packets: each must be refused (-1), never read past its end. */
static void test_hostile(void)
{
	struct dns_packet_rrs out;
	struct pkt p;
	size_t cut;

	start(&p, 1, 0, 2, "loop.example.com");
	cname(&p, "loop.example.com", 300, "back.example.com");
	cname(&p, "back.example.com", 300, "loop.example.com");
	ok(run(&p, "loop.example.com", &out) < 0, "a CNAME loop is refused");

	start(&p, 0, 0, 1, "q.example.com");
	txt(&p, NULL, 12, 300, "v=spf1 +all");
	ok(run(&p, "q.example.com", &out) < 0, "a query (QR clear) is refused");

	start(&p, 1, 0, 2, "two.example.com");
	cname(&p, "two.example.com", 300, "x.example.com");
	cname(&p, "two.example.com", 300, "y.example.com");
	ok(run(&p, "two.example.com", &out) < 0, "two CNAMEs at one owner are refused");

	start(&p, 1, 0, 1, "g.example.com");
	rr_head(&p, "g.example.com", -1, 5, 1, 300);
	put16(&p, 5);
	put_bytes(&p, "\001x\000zz", 5);
	ok(run(&p, "g.example.com", &out) < 0,
	   "a CNAME with bytes after its target is refused");

	start(&p, 1, 0, 1, "t.example.com");
	txt(&p, NULL, 12, 300, "v=spf1 -all");
	for (cut = 1; cut <= 12; cut++) {
		struct pkt q = p;

		q.n -= cut;
		if (run(&q, "t.example.com", &out) == 0)
			break;
	}
	is_int((long) cut, 13, "a packet cut short by 1 to 12 octets is refused");

	start(&p, 1, 0, 1, "ptr.example.com");
	rr_head(&p, NULL, (int) p.n, 16, 1, 300);   /* points at itself */
	put16(&p, 0);
	ok(run(&p, "ptr.example.com", &out) < 0,
	   "an owner that is a compression pointer to itself is refused");

	start(&p, 1, 0, 1, "big.example.com");
	rr_head(&p, NULL, 12, 16, 1, 300);
	put16(&p, 4000);                            /* past the end */
	put_bytes(&p, "\003abc", 4);
	ok(run(&p, "big.example.com", &out) < 0,
	   "an rdlength past the packet's end is refused");

	start(&p, 1, 0, 1, "ch.example.com");
	rr_head(&p, NULL, 12, 16, 3, 300);          /* class CH */
	put16(&p, 0);
	ok(run(&p, "ch.example.com", &out) == 0 && out.count == 0,
	   "a record of class CH is not taken");

	ok(dns_packet_records(p.b, 11, "ch.example.com", 16, &out) < 0,
	   "a packet shorter than a header is refused");
	ok(dns_packet_records(p.b, 70000, "ch.example.com", 16, &out) < 0,
	   "a length over 65535 is refused");
}

int main(void)
{
	test_plain();
	test_chain();
	test_cap();
	test_hostile();
	return tap_done();
}
