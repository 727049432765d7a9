/* core_template.h: saved texts with {first_name} and {business_name} */
#ifndef SP_CORE_TEMPLATE_H
#define SP_CORE_TEMPLATE_H

#include <stddef.h>

/* NULL when every {field} of body is known, else a sentence naming the
 * first unknown one (in a static buffer). */
const char	*template_check(const char *body);

/* The lead's first name as a template says it: the name's first word, or
 * "there" when the lead has no name ("Hi there"). */
void		 template_first_name(const char *name, char *out, size_t size);

/* Fills body's fields into out (size bytes, always NUL-terminated); -1
 * when it did not fit (out then holds what did). */
int		 template_fill(const char *body, const char *first_name,
		    const char *business_name, char *out, size_t size);

#endif
