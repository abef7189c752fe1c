/**
 * Detects strings shaped like a Swedish personal identity number (personnummer)
 * or co-ordination number (samordningsnummer): YYMMDD-NNNN, YYYYMMDDNNNN, with
 * or without separator. We refuse these as client codes because Framsteg stores
 * pseudonyms only. The check is deliberately broad: a plausible date followed by
 * four digits is refused even if the check digit is wrong, since a mistyped
 * identity number is still personal data.
 */
export function looksLikePersonalIdentityNumber(value: string): boolean {
	const compact = value.replace(/[\s]/g, '');
	const pattern = /(?:^|\D)(\d{2})?(\d{2})(\d{2})(\d{2})[-+]?(\d{4})(?!\d)/g;
	for (const match of compact.matchAll(pattern)) {
		const month = Number(match[3]);
		const day = Number(match[4]);
		const isDay = (day >= 1 && day <= 31) || (day >= 61 && day <= 91);
		if (month >= 1 && month <= 12 && isDay) return true;
	}
	// Ten or more digits in a row are refused too: no case code needs them and they may be an id.
	return /\d{10,}/.test(compact);
}
