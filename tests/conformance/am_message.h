/*
 * am_message - a fixture message as the milter would hand it over: header
 * fields (value after the colon, leading space kept, folds joined with
 * LF) and the body with CRLF line ends. Test code for am_fixtures only.
 */
#ifndef AUTHMILTER_AM_MESSAGE_H
#define AUTHMILTER_AM_MESSAGE_H

#include <stddef.h>

#define MAX_FIELDS 256

struct msg {
	size_t n;
	char *name[MAX_FIELDS];
	char *value[MAX_FIELDS];
	char *body;
	size_t bodylen;
};


/* msg_add_line - a new field, or a folded continuation. */
int msg_add_line(struct msg *m, const char *line, size_t len);
/* msg_body - the rest of the text, every line ending in CRLF. */
int msg_body(struct msg *m, const char *p, const char *end);
/* msg_parse - a whole message into M. */
int msg_parse(const char *text, size_t len, struct msg *m);
/* msg_free - the fields and the body. */
void msg_free(struct msg *m);

#endif
