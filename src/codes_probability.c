/* codes_probability: a win probability in percent parsed exactly into an
 * integer of 1e-7 percent, without floating point (COUP-3). */
#include "codes.h"

#define CODES_DECIMALS 5
#define CODES_UNIT_DIGITS 7 /* 1 % is 10^7 units */
#define CODES_PERCENT_MAX 1000000000LL

/* The value of the run of ASCII digits at *p (advanced past them), and their
 * count in *digits. */
static long long codes_digits(const char **p, int *digits)
{
	long long value = 0;
	*digits = 0;
	while (**p >= '0' && **p <= '9' && *digits < 6) {
		value = value * 10 + (**p - '0');
		(*p)++;
		(*digits)++;
	}
	return value;
}

bool codes_probability_parse(const char *text, long long *out)
{
	const char *p = text;
	int whole_digits, decimals = 0;
	long long whole = codes_digits(&p, &whole_digits), fraction = 0;
	if (whole_digits == 0 || whole_digits > 3 || (whole_digits > 1 && text[0] == '0'))
		return false;
	if (*p == '.') {
		p++;
		fraction = codes_digits(&p, &decimals);
		if (decimals == 0 || decimals > CODES_DECIMALS)
			return false;
	}
	if (*p != '\0')
		return false;
	for (int i = decimals; i < CODES_UNIT_DIGITS; i++)
		fraction *= 10;
	long long value = whole * (CODES_PERCENT_MAX / 100) + fraction;
	if (value <= 0 || value > CODES_PERCENT_MAX)
		return false;
	*out = value;
	return true;
}
