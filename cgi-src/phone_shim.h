/* phone_shim.h: the few libphonenumber calls core_phone needs, in C */
#ifndef SP_PHONE_SHIM_H
#define SP_PHONE_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* libphonenumber's answers, its enums as plain ints (see phone_shim.cc). */
struct phone_shim {
	int	 parse_error;	/* PhoneNumberUtil::ErrorType, 0 = parsed */
	int	 possible;	/* PhoneNumberUtil::ValidationResult */
	int	 valid;		/* IsValidNumber */
	int	 type;		/* PhoneNumberUtil::PhoneNumberType */
	int	 country_code;
	char	 e164[20];
	char	 national[40];
	char	 national_digits[20];	/* the national significant number */
	char	 region[4];
};

/* Parses text (NUL-terminated UTF-8) with region as the default ("US").
 * Returns 0, or -1 when the library threw (out says nothing then). */
int	 phone_shim_parse(const char *text, const char *region,
	    struct phone_shim *out);

/* The place libphonenumber's offline geocoder names for the number ("New
 * York, NY", "Texas", "British Columbia"; "" when it knows none) into out.
 * 0, or -1 when it did not parse. */
int	 phone_shim_place(const char *e164, char *out, size_t size);

#ifdef __cplusplus
}
#endif

#endif
