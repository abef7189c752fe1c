import { expect, test } from 'vitest';
import { recordAad } from '$lib/core';

test.each([
	['measurements', '0b8f6a52-3c1d-4e0f-9a7b-2d5c8e1f4a63'],
	['clients', 'a'.repeat(64)],
	['audit', '12'],
	['clients', 'åäö-ü-ذ-😀']
])('the AAD of %s/%s is the UTF-8 of its text', (table, id) => {
	expect(recordAad(table, id)).toEqual(new TextEncoder().encode(`framsteg|${table}|${id}|1`));
});
