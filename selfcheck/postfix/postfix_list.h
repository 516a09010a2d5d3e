/*
 * postfix_list - the elements of a Postfix list value, as smtpd and the
 * TLS code split it: separated by commas and/or white space, with a
 * "{ ... }" group (an inline: table, a milter with its settings) kept
 * as one element, nested groups too. Pure functions on text.
 */
#ifndef AUTHMILTER_SC_POSTFIX_LIST_H
#define AUTHMILTER_SC_POSTFIX_LIST_H

#include <stddef.h>

/* restrictions, mynetworks, milters; TLS protocol lists also split at ':' */
#define SC_POSTFIX_LIST_SEP  " \t\r\n,"
#define SC_POSTFIX_LIST_SEPC " \t\r\n,:"

/* sc_postfix_list_next - the next element of the list at *CUR, split at the
 * characters of SEPS outside braces: 1 with *TOK and *LEN set and *CUR moved
 * past it, or 0 at the end. An unclosed '{' runs to the end. */
int sc_postfix_list_next(const char **cur, const char *seps, const char **tok,
			 size_t *len);

/* sc_postfix_list_copy - the element TOK/LEN as a string in BUF (SIZE octets):
 * 0, or -1 (BUF holds "") if it does not fit. */
int sc_postfix_list_copy(const char *tok, size_t len, char *buf, size_t size);

/* sc_postfix_list_group - if TOK/LEN is a "{ ... }" group, its inside without
 * the braces and the white space next to them: 1 with *IN and *INLEN set;
 * else 0. */
int sc_postfix_list_group(const char *tok, size_t len, const char **in,
			  size_t *inlen);

#endif
