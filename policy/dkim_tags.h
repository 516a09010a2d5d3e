/*
 * dkim_tags - read the reporting tags (d=, i=, s=, a=, b=) of one
 * DKIM-Signature field value, for dkim_verify only.
 *
 * libopendkim verifies; this only says what to print in header.d and its
 * friends, for every signature, including those libopendkim never sees
 * (past MaxDKIMSignatures). Values are read the way libopendkim reads
 * them (all whitespace removed, tag names compared without case), so that
 * what we report is what it verified; a tag-list naming a DKIM tag twice
 * is flagged (RFC 6376 3.2: the whole list is invalid), because then the
 * library and a reader could take different values. Attacker data: one
 * pass over the text, fixed-size output, every byte outside printable
 * ASCII written as '?'. Pure; any thread may call.
 */
#ifndef AUTHMILTER_DKIM_TAGS_H
#define AUTHMILTER_DKIM_TAGS_H

#include "dkim_verify.h"

enum dkim_tags_status {
	DKIM_TAGS_OK,
	DKIM_TAGS_REPEATED,         /* a DKIM tag occurs twice */
	DKIM_TAGS_NOT_BASE64,       /* b= or bh= holds other characters
	                             * (libopendkim would skip them, so
	                             * one signature could be written in
	                             * endless ways) */
	DKIM_TAGS_BAD_I,            /* i= has a '=' without two hex digits,
	                             * or decodes to more than an address
	                             * can hold (254 octets, RFC 5321
	                             * 4.5.3.1.3): libopendkim 2.11.0~beta2
	                             * then reads past the end of the value,
	                             * or of its 257-octet copy */
};

/* dkim_tags_read - fill SIG's d, i, s, a and b (b: its first 8
 * characters) from VALUE; i= is dkim-quoted-printable decoded. On an
 * error the fields hold the first value of each tag. */
enum dkim_tags_status dkim_tags_read(const char *value,
				     struct dkimv_signature *sig);

/* dkim_tags_find - the value of the first tag named NAME (exactly, as
 * libopendkim matches) in VALUE: [*V, *VEND), white space not removed.
 * 0, or -1 when there is none. */
int dkim_tags_find(const char *value, const char *name, const char **v,
		   const char **vend);

#endif
