/** A stable serialisation for comparing records: JSON with sorted keys (key order does not matter). */
export function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value);
}

/** Whether two records hold the same data, whatever the order of their keys. */
export function sameRecord(a: unknown, b: unknown): boolean {
	return canonical(a) === canonical(b);
}
