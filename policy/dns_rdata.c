/*
 * dns_rdata - RDATA decoding for the record types we ask for; see
 * dns_rdata.h. Every read is preceded by a check against the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "dns_rdata.h"

/* put_octet - append one label octet, escaped if it could be misread */
static int put_octet(char *buf, size_t buflen, size_t *out, unsigned char c)
{
	c = (unsigned char) ascii_lower(c);
	if (c == '.' || c == '\\') {
		if (*out + 2 >= buflen)
			return -1;
		buf[(*out)++] = '\\';
		buf[(*out)++] = (char) c;
	} else if (c < 0x21 || c > 0x7e) {
		/* a NUL, a space or a control byte would truncate or
		 * split the name where a reader prints or compares it */
		if (*out + 4 >= buflen)
			return -1;
		snprintf(buf + *out, 5, "\\%03u", (unsigned) c);
		*out += 4;
	} else {
		if (*out + 1 >= buflen)
			return -1;
		buf[(*out)++] = (char) c;
	}
	return 0;
}

/* dns_rdata_name - one uncompressed wire name to text */
int dns_rdata_name(const unsigned char *wire, size_t len, char *buf,
		   size_t buflen)
{
	size_t pos = 0, out = 0, i, lab;

	if (buf == NULL || buflen == 0)
		return -1;
	for (;;) {
		if (pos >= len)
			return -1;
		lab = wire[pos];
		if (lab == 0)
			break;
		/* 0xc0 is a compression pointer, 0x40 and 0x80 are label
		 * types nobody uses; any of them also means lab > 63 */
		if (lab & 0xc0)
			return -1;
		/* the label, and the root octet still to come, must fit in
		 * the data and in the 255 octets a name may have */
		if (lab + 1 > len - pos || pos + 1 + lab + 1 > DNS_MAX_NAME)
			return -1;
		if (out > 0) {
			if (out + 1 >= buflen)
				return -1;
			buf[out++] = '.';
		}
		for (i = 0; i < lab; i++)
			if (put_octet(buf, buflen, &out, wire[pos + 1 + i]) < 0)
				return -1;
		pos += 1 + lab;
	}
	buf[out] = '\0';
	return (int) (pos + 1);
}

/* decode_name - a record whose rdata is one name and nothing else */
static int decode_name(const unsigned char *rdata, size_t len, char **name)
{
	char buf[DNS_RDATA_NAMEBUF];
	int used;

	used = dns_rdata_name(rdata, len, buf, sizeof(buf));
	if (used < 0 || (size_t) used != len)
		return -1;
	return (*name = strdup(buf)) == NULL ? -1 : 0;
}

/* decode_txt - character-strings joined; the whole rdata must be used */
static int decode_txt(const unsigned char *rdata, size_t len,
		      struct dns_rr *out)
{
	size_t pos, total = 0;
	char *text;

	/* No string at all is not legal TXT (RFC 1035 3.3.14), but it reads
	 * as "" without doubt, and "" is no SPF, DMARC or DKIM record: it
	 * cannot decide, while refusing it would make the domain's real
	 * record beside it a temperror (RFC 7208 suite, null-text). */
	for (pos = 0; pos < len; pos += 1 + rdata[pos]) {
		if (rdata[pos] > len - pos - 1)
			return -1;
		total += rdata[pos];
	}
	/* a record we cannot hold whole is refused, not cut: a cut SPF or
	 * DMARC record could read as a different, valid policy */
	if (total > DNS_MAX_TXT)
		return -1;
	if ((text = malloc(total + 1)) == NULL)
		return -1;
	total = 0;
	for (pos = 0; pos < len; pos += 1 + rdata[pos]) {
		memcpy(text + total, rdata + pos + 1, rdata[pos]);
		total += rdata[pos];
	}
	text[total] = '\0';
	out->text = text;
	out->textlen = total;
	return 0;
}

/* decode_caa - RFC 8659 4.1: flags, tag length, tag (letters and digits
 * only, at least one; RFC 6844's bound of 15 is not kept, so a set with a
 * new long tag still reads), value to the end; kept as "FLAGS TAG VALUE" */
static int decode_caa(const unsigned char *rdata, size_t len,
		      struct dns_rr *out)
{
	size_t taglen, vlen, i, head;
	char *text;

	if (len < 2)
		return -1;
	taglen = rdata[1];
	if (taglen < 1 || taglen > len - 2)
		return -1;
	for (i = 0; i < taglen; i++) {
		unsigned char c = rdata[2 + i];

		if (!ascii_is_alnum(c))
			return -1;
	}
	vlen = len - 2 - taglen;
	if (vlen > DNS_MAX_TXT)
		return -1;
	/* "255 " + tag (at most 255) + " " + value + NUL */
	if ((text = malloc(4 + taglen + 1 + vlen + 1)) == NULL)
		return -1;
	head = (size_t) sprintf(text, "%u ", (unsigned) rdata[0]);
	memcpy(text + head, rdata + 2, taglen);
	head += taglen;
	text[head++] = ' ';
	memcpy(text + head, rdata + 2 + taglen, vlen);
	text[head + vlen] = '\0';
	out->text = text;
	out->textlen = head + vlen;
	return 0;
}

/* dns_rdata_decode - dispatch on the record type */
int dns_rdata_decode(int type, const unsigned char *rdata, size_t len,
		     struct dns_rr *out)
{
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (rdata == NULL && len > 0)
		return -1;
	switch (type) {
	case DNS_T_A:
		if ((rc = len == 4 ? 0 : -1) == 0)
			memcpy(out->addr, rdata, 4);
		break;
	case DNS_T_AAAA:
		if ((rc = len == 16 ? 0 : -1) == 0)
			memcpy(out->addr, rdata, 16);
		break;
	case DNS_T_MX:
		if (len < 3)
			break;
		out->pref = (unsigned short) (rdata[0] << 8 | rdata[1]);
		rc = decode_name(rdata + 2, len - 2, &out->name);
		break;
	case DNS_T_PTR:
	case DNS_T_CNAME:
		rc = decode_name(rdata, len, &out->name);
		break;
	case DNS_T_TXT:
		rc = decode_txt(rdata, len, out);
		break;
	case DNS_T_CAA:
		rc = decode_caa(rdata, len, out);
		break;
	default:
		return -1;
	}
	if (rc < 0) {
		dns_rr_clear(out);
		return -1;
	}
	out->type = (enum dns_type) type;
	return 0;
}

/* dns_rr_clear - free and forget the record's strings */
void dns_rr_clear(struct dns_rr *rr)
{
	free(rr->name);
	free(rr->text);
	memset(rr, 0, sizeof(*rr));
}
