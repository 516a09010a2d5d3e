/*
 * zone_data - a conformance suite's zonedata written as DATA lines for
 * tests/lib/dns-server.sh, so that a real unbound serves what the
 * in-process zone (zone.h) serves, with the same driver conventions: SPF
 * entries published as TXT where the name has no TXT entry, "TXT: NONE"
 * as no TXT record, a bare TIMEOUT as "types without records time out".
 *
 * A TXT value keeps its strings as the suite lists them (the wire carries
 * the boundaries the suite's null-text and long-record tests are about);
 * a string over 255 octets is cut into 255-octet strings; an empty list
 * is a TXT record with no string at all. Octets outside a safe printable
 * set are written as \DDD. The root is a static zone ("zone ."), so a
 * name without data is NXDOMAIN, as in process and as on the Internet.
 * unbound's deny zone drops queries for names below a TIMEOUT name too,
 * so each name with data below one gets a static zone of its own (a name
 * below a TIMEOUT name without data still times out, where the in-process
 * zone says NXDOMAIN; the suite asks no such name). For test programs
 * only.
 */
#ifndef AUTHMILTER_TESTS_ZONE_DATA_H
#define AUTHMILTER_TESTS_ZONE_DATA_H

#include <stddef.h>
#include <stdio.h>

struct json_t;

/* zone_data_write - ZONEDATA as DATA lines on OUT. Returns 0, or -1 with
 * the reason in ERR (an entry dns-server.sh cannot serve, such as a
 * per-type TIMEOUT). */
int zone_data_write(const struct json_t *zonedata, FILE *out, char *err,
		    size_t errlen);

#endif
