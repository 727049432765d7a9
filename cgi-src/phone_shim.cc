// phone_shim.cc: the few libphonenumber calls core_phone needs, in C.
// Nothing escapes this file but plain ints and strings; an exception from
// the library becomes -1.
#include <cstring>
#include <string>

#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumberutil.h>

#include "phone_shim.h"

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberOfflineGeocoder;
using i18n::phonenumbers::PhoneNumberUtil;

static void
copy(char *dst, size_t size, const std::string &src)
{
	size_t n = src.size() < size - 1 ? src.size() : size - 1;

	std::memcpy(dst, src.data(), n);
	dst[n] = '\0';
}

extern "C" int
phone_shim_parse(const char *text, const char *region, struct phone_shim *out)
{
	try {
		const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
		PhoneNumber number;

		std::memset(out, 0, sizeof(*out));
		out->parse_error = util->Parse(text, region, &number);
		if (out->parse_error != PhoneNumberUtil::NO_PARSING_ERROR)
			return 0;
		out->possible = util->IsPossibleNumberWithReason(number);
		out->type = util->GetNumberType(number);
		/* IsValidNumber is GetNumberType != UNKNOWN inside the
		 * library: asking both matches every pattern twice */
		out->valid = out->type != PhoneNumberUtil::UNKNOWN;
		out->country_code = number.country_code();
		/* some of these append to the string: a fresh one each */
		std::string e164, national, nsn, region_code;
		util->Format(number, PhoneNumberUtil::E164, &e164);
		copy(out->e164, sizeof(out->e164), e164);
		util->Format(number, PhoneNumberUtil::NATIONAL, &national);
		copy(out->national, sizeof(out->national), national);
		util->GetNationalSignificantNumber(number, &nsn);
		copy(out->national_digits, sizeof(out->national_digits), nsn);
		util->GetRegionCodeForNumber(number, &region_code);
		copy(out->region, sizeof(out->region), region_code);
		return 0;
	} catch (...) {
		return -1;
	}
}

int
phone_shim_place(const char *e164, char *out, size_t size)
{
	static PhoneNumberOfflineGeocoder *geocoder;

	try {
		const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
		PhoneNumber number;

		if (util->Parse(e164, "US", &number) != PhoneNumberUtil::NO_PARSING_ERROR)
			return -1;
		if (geocoder == nullptr)
			geocoder = new PhoneNumberOfflineGeocoder();
		copy(out, size, geocoder->GetDescriptionForNumber(number,
		    icu::Locale("en", "US")));
		return 0;
	} catch (...) {
		return -1;
	}
}
