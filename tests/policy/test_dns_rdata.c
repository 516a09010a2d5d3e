/* test_dns_rdata - record decoding: each type, escapes, bounds, hostile rdata. */
#include <string.h>

#include "tests/lib/tap.h"
#include "policy/dns_rdata.h"

/* A record as bytes; the length is explicit because rdata holds NULs. */
struct raw {
	int type;
	const char *bytes;
	size_t len;
	const char *why;
};

#define RAW(t, s, why) { t, s, sizeof(s) - 1, why }
#define X16 "xxxxxxxxxxxxxxxx"

static void test_addresses(void)
{
	static const unsigned char v6[16] = {
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10 };
	struct dns_rr rr;

	ok(dns_rdata_decode(DNS_T_A, (const unsigned char *) "\xc0\x00\x02\x0a",
			    4, &rr) == 0, "A decodes");
	ok(rr.type == DNS_T_A && memcmp(rr.addr, "\xc0\x00\x02\x0a", 4) == 0,
	   "A holds 192.0.2.10");
	dns_rr_clear(&rr);
	ok(dns_rdata_decode(DNS_T_AAAA, v6, 16, &rr) == 0
	   && rr.type == DNS_T_AAAA && memcmp(rr.addr, v6, 16) == 0,
	   "AAAA holds 2001:db8::10");
	dns_rr_clear(&rr);
}

/* decode_one - decode bytes, return the record's name (or "(fail)") */
#define DECODE(type, s, rr) decode_one(type, s, sizeof(s) - 1, rr)
static const char *decode_one(int type, const char *bytes, size_t len,
			      struct dns_rr *rr)
{
	if (dns_rdata_decode(type, (const unsigned char *) bytes, len, rr) < 0)
		return "(fail)";
	return rr->name ? rr->name : "(null)";
}

static void test_names(void)
{
	struct dns_rr rr;

	is_str(DECODE(DNS_T_MX, "\x00\x0a\x04mail\x07" "example\x03" "com\x00", &rr),
	       "mail.example.com", "MX exchange");
	is_int(rr.pref, 10, "MX preference");
	dns_rr_clear(&rr);
	is_str(DECODE(DNS_T_MX, "\xff\xfe\x02MX\x07" "ExAmPlE\x00", &rr),
	       "mx.example", "MX exchange lowercased");
	is_int(rr.pref, 65534, "MX preference is 16 bits, unsigned");
	dns_rr_clear(&rr);
	is_str(DECODE(DNS_T_MX, "\x00\x00\x00", &rr), "",
	       "null MX (RFC 7505) is the empty name");
	dns_rr_clear(&rr);
	is_str(DECODE(DNS_T_PTR, "\x04host\x07" "example\x00", &rr),
	       "host.example", "PTR target");
	ok(rr.type == DNS_T_PTR, "PTR type kept");
	dns_rr_clear(&rr);
	is_str(DECODE(DNS_T_CNAME, "\x01" "a\x01" "b\x00", &rr), "a.b",
	       "CNAME target");
	dns_rr_clear(&rr);
}

static void test_escapes(void)
{
	struct dns_rr rr;

	is_str(DECODE(DNS_T_PTR, "\x03" "a\0b\x07" "example\x00", &rr),
	       "a\\000b.example", "NUL in a label is escaped, not a terminator");
	dns_rr_clear(&rr);
	is_str(DECODE(DNS_T_PTR, "\x03" "a.b\x07" "example\x00", &rr),
	       "a\\.b.example", "dot in a label is escaped: still one label");
	dns_rr_clear(&rr);
	is_str(DECODE(DNS_T_PTR, "\x01\\\x00", &rr), "\\\\",
	       "backslash is escaped");
	dns_rr_clear(&rr);
	is_str(DECODE(DNS_T_PTR, "\x05 \x7f\xff\n\x1b\x00", &rr),
	       "\\032\\127\\255\\010\\027", "space, DEL, high and control bytes escaped");
	dns_rr_clear(&rr);
	is_str(DECODE(DNS_T_PTR, "\x03_-*\x00", &rr), "_-*",
	       "printable punctuation kept as is");
	dns_rr_clear(&rr);
}

/* name_of - a wire name of labels of the given lengths, filled with 'x' */
static size_t name_of(unsigned char *buf, const int *labels, size_t n)
{
	size_t pos = 0, i;

	for (i = 0; i < n; i++) {
		buf[pos++] = (unsigned char) labels[i];
		memset(buf + pos, 'x', (size_t) labels[i]);
		pos += (size_t) labels[i];
	}
	buf[pos++] = 0;
	return pos;
}

static void test_name_limits(void)
{
	static const int max[] = { 63, 63, 63, 61 };      /* 255 octets */
	static const int over[] = { 63, 63, 63, 62 };     /* 256 octets */
	unsigned char wire[300];
	char buf[DNS_RDATA_NAMEBUF];
	struct dns_rr rr;
	size_t len;

	len = name_of(wire, max, 4);
	is_int((long) len, 255, "longest legal name is 255 octets");
	is_int(dns_rdata_name(wire, len, buf, sizeof(buf)), 255,
	       "255-octet name decodes, all octets used");
	is_int((long) strlen(buf), 253, "255-octet name is 253 characters");
	len = name_of(wire, over, 4);
	is_int(dns_rdata_name(wire, len, buf, sizeof(buf)), -1,
	       "256-octet name rejected");
	ok(dns_rdata_decode(DNS_T_PTR, wire, len, &rr) == -1 && rr.name == NULL,
	   "256-octet PTR rejected, nothing allocated");
	/* every octet escaped: the longest text a name can turn into */
	len = name_of(wire, max, 4);
	memset(wire + 1, 0, 63);
	memset(wire + 65, 0xff, 63);
	memset(wire + 129, ' ', 63);
	memset(wire + 193, 0x7f, 61);
	ok(dns_rdata_name(wire, len, buf, sizeof(buf)) == 255
	   && strlen(buf) == 4 * (3 * 63 + 61) + 3,
	   "fully escaped 255-octet name fits DNS_RDATA_NAMEBUF");
	is_int(dns_rdata_name(wire, len, buf, 40), -1,
	       "a buffer too small is an error, not an overflow");
	is_int(dns_rdata_name((const unsigned char *) "\x01" "a\x00", 3, buf, 1), -1,
	       "no room for the NUL is an error");
	is_int(dns_rdata_name((const unsigned char *) "\x01" "a\x00", 3, buf, 2), 3,
	       "exact room decodes");
	is_str(buf, "a", "exact room holds the name");
}

static void test_txt(void)
{
	static unsigned char big[DNS_MAX_TXT + 64];
	struct dns_rr rr;
	size_t pos, i;

	ok(dns_rdata_decode(DNS_T_TXT, (const unsigned char *)
			    "\x06v=spf1\x05 -all", 13, &rr) == 0, "TXT decodes");
	is_str(rr.text, "v=spf1 -all", "TXT strings joined without separator");
	is_int((long) rr.textlen, 11, "TXT length");
	dns_rr_clear(&rr);
	ok(dns_rdata_decode(DNS_T_TXT, (const unsigned char *) "\x00", 1, &rr) == 0
	   && rr.textlen == 0 && rr.text && rr.text[0] == '\0',
	   "TXT of one empty string is empty text");
	dns_rr_clear(&rr);
	ok(dns_rdata_decode(DNS_T_TXT, (const unsigned char *) "", 0, &rr) == 0
	   && rr.textlen == 0 && rr.text && rr.text[0] == '\0',
	   "TXT with no string at all (illegal, RFC 7208 null-text) is empty text");
	dns_rr_clear(&rr);
	ok(dns_rdata_decode(DNS_T_TXT, (const unsigned char *) "\x03" "a\0b", 4,
			    &rr) == 0 && rr.textlen == 3
	   && memcmp(rr.text, "a\0b", 4) == 0,
	   "TXT keeps an inner NUL, length says so");
	dns_rr_clear(&rr);
	/* 32 strings of 255 and one of 32: exactly DNS_MAX_TXT */
	for (pos = 0, i = 0; i < 32; i++) {
		big[pos++] = 255;
		memset(big + pos, 'a' + (int) (i % 26), 255);
		pos += 255;
	}
	big[pos++] = 32;
	memset(big + pos, 'z', 32);
	pos += 32;
	ok(dns_rdata_decode(DNS_T_TXT, big, pos, &rr) == 0
	   && rr.textlen == DNS_MAX_TXT && rr.text[255] == 'b'
	   && rr.text[DNS_MAX_TXT - 1] == 'z' && rr.text[DNS_MAX_TXT] == '\0',
	   "TXT of exactly DNS_MAX_TXT bytes kept whole");
	dns_rr_clear(&rr);
	big[pos - 33] = 33;
	big[pos++] = 'z';
	ok(dns_rdata_decode(DNS_T_TXT, big, pos, &rr) == -1 && rr.text == NULL,
	   "TXT one byte over DNS_MAX_TXT refused, not cut");
}

static void test_hostile(void)
{
	static const struct raw bad[] = {
		RAW(DNS_T_A, "", "A empty"),
		RAW(DNS_T_A, "\x01\x02\x03", "A of 3 octets"),
		RAW(DNS_T_A, "\x01\x02\x03\x04\x05", "A of 5 octets"),
		RAW(DNS_T_AAAA, "0123456789abcde", "AAAA of 15 octets"),
		RAW(DNS_T_AAAA, "0123456789abcdefg", "AAAA of 17 octets"),
		RAW(DNS_T_MX, "\x00\x0a", "MX without exchange"),
		RAW(DNS_T_MX, "\x00", "MX of one octet"),
		RAW(DNS_T_MX, "\x00\x0a\x05" "ab", "MX label past the end"),
		RAW(DNS_T_MX, "\x00\x0a\x01" "a\x00X", "MX with a trailing octet"),
		RAW(DNS_T_MX, "\x00\x0a\xc0\x0c", "MX compression pointer"),
		RAW(DNS_T_PTR, "", "PTR empty"),
		RAW(DNS_T_PTR, "\x03" "abc", "PTR without the root label"),
		RAW(DNS_T_PTR, "\x03" "abc\x00\x00", "PTR with a trailing octet"),
		RAW(DNS_T_PTR, "\xc0\x0c", "PTR compression pointer"),
		RAW(DNS_T_PTR, "\x03" "abc\xc0\x00", "PTR pointer after a label"),
		RAW(DNS_T_PTR, "\x41" "a\x00", "PTR extended label type 0x40"),
		RAW(DNS_T_PTR, "\x80" "a\x00", "PTR reserved label type 0x80"),
		RAW(DNS_T_PTR, "\x40" X16 X16 X16 X16 "\x00", "PTR label of 64 octets"),
		RAW(DNS_T_PTR, "\xff", "PTR label length 255 at the end"),
		RAW(DNS_T_CNAME, "\x02" "a", "CNAME label one short"),
		RAW(DNS_T_CNAME, "\x01" "a\x01", "CNAME cut inside the next label"),
		RAW(DNS_T_TXT, "\x05" "abc", "TXT string past the end"),
		RAW(DNS_T_TXT, "\x01" "a\x05" "ab", "TXT second string past the end"),
		RAW(DNS_T_TXT, "\x01" "a\x01", "TXT length octet at the very end"),
		RAW(2, "\x01" "a\x00", "NS is not a type we decode"),
		RAW(0, "\x01" "a\x00", "type 0"),
		RAW(65535, "x", "type 65535"),
		RAW(-1, "x", "negative type"),
	};
	struct dns_rr rr;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&rr, 0x55, sizeof(rr));
		ok(dns_rdata_decode(bad[i].type, (const unsigned char *) bad[i].bytes,
				    bad[i].len, &rr) == -1
		   && rr.name == NULL && rr.text == NULL,
		   "rejects %s", bad[i].why);
	}
	ok(dns_rdata_decode(DNS_T_A, NULL, 4, &rr) == -1, "rejects NULL rdata");
	ok(dns_rdata_decode(DNS_T_TXT, NULL, 0, &rr) == 0 && rr.text && rr.text[0] == '\0',
	   "NULL with no bytes is the empty TXT, not a read");
	dns_rr_clear(&rr);
}

int main(void)
{
	test_addresses();
	test_names();
	test_escapes();
	test_name_limits();
	test_txt();
	test_hostile();
	return tap_done();
}
