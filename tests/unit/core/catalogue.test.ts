import { describe, expect, it } from 'vitest';
import {
	catalogueSchema,
	CURRENT_CATALOGUE,
	findCatalogue,
	INDICATOR_IDS,
	itemsFor,
	latestVersion,
	PUBLISHED_CATALOGUES,
	radarIndicators,
	radarRange,
	type Catalogue
} from '$lib/core';
import { FRAMSTEG_V1 } from '$lib/core/catalogue/framsteg-v1';
import { makeCatalogue } from '../../fixtures/factories';

/** A plain-data copy of version 1 that a test can break. */
const copyOfV1 = (): Catalogue => structuredClone(FRAMSTEG_V1);

describe('Framsteg catalogue version 1', () => {
	it('parses with catalogueSchema', () => {
		expect(catalogueSchema.safeParse(FRAMSTEG_V1).success).toBe(true);
	});

	it('is the current catalogue and the only published one', () => {
		expect(CURRENT_CATALOGUE).toBe(FRAMSTEG_V1);
		expect(PUBLISHED_CATALOGUES).toEqual([FRAMSTEG_V1]);
		expect(FRAMSTEG_V1).toMatchObject({ id: 'framsteg', version: 1 });
	});

	it('has the 11 indicators in INDICATOR_IDS order', () => {
		expect(INDICATOR_IDS).toHaveLength(11);
		expect(FRAMSTEG_V1.indicators.map((i) => i.id)).toEqual([...INDICATOR_IDS]);
	});

	it('asks the client about every indicator but caseworker belief', () => {
		const client = itemsFor(FRAMSTEG_V1, 'client');
		expect(client).toHaveLength(10);
		expect(client.map((i) => i.indicatorId)).toEqual(
			INDICATOR_IDS.filter((id) => id !== 'caseworker-belief')
		);
		expect(client.every((i) => i.respondent === 'client')).toBe(true);
	});

	it('asks the caseworker about all 11 indicators', () => {
		const caseworker = itemsFor(FRAMSTEG_V1, 'caseworker');
		expect(caseworker).toHaveLength(11);
		expect(new Set(caseworker.map((i) => i.indicatorId))).toEqual(new Set(INDICATOR_IDS));
	});

	it('keeps caseworker belief off the radar', () => {
		const radar = radarIndicators(FRAMSTEG_V1).map((i) => i.id);
		expect(radar).toHaveLength(10);
		expect(radar).not.toContain('caseworker-belief');
	});

	it('rates caseworker belief on the 5-step scale and the rest on 6 steps', () => {
		const belief = FRAMSTEG_V1.items.find((i) => i.id === 'caseworker.caseworker-belief');
		expect(belief?.scaleId).toBe('belief-5');
		expect(
			FRAMSTEG_V1.items.filter((i) => i.indicatorId !== 'caseworker-belief').map((i) => i.scaleId)
		).toEqual(Array(20).fill('agreement-6'));
	});

	it('has a radar range of 1 to 6', () => {
		expect(radarRange(FRAMSTEG_V1)).toEqual({ min: 1, max: 6 });
	});

	it('has a radar range that follows the scale of a synthetic version', () => {
		expect(radarRange(makeCatalogue({ steps: 4 }))).toEqual({ min: 1, max: 4 });
	});
});

describe('catalogueSchema', () => {
	it('rejects duplicate item ids', () => {
		const cat = copyOfV1();
		cat.items.push({ ...cat.items[0] });
		const result = catalogueSchema.safeParse(cat);
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => i.message)).toContain(
			`duplicate item ${cat.items[0].id}`
		);
	});

	it('rejects an item on an unknown scale', () => {
		const cat = copyOfV1();
		cat.items[3] = { ...cat.items[3], scaleId: 'no-such-scale' };
		const result = catalogueSchema.safeParse(cat);
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => i.message)).toContain(
			`item ${cat.items[3].id} uses unknown scale`
		);
	});

	it('rejects scale steps that are not consecutive', () => {
		const cat = copyOfV1();
		cat.scales[0].steps[2] = { ...cat.scales[0].steps[2], value: 4 };
		expect(catalogueSchema.safeParse(cat).success).toBe(false);
	});

	it('rejects scale steps in descending order', () => {
		const cat = copyOfV1();
		cat.scales[0].steps.reverse();
		expect(catalogueSchema.safeParse(cat).success).toBe(false);
	});

	it('rejects a duplicate indicator', () => {
		const cat = copyOfV1();
		cat.indicators.push({ ...cat.indicators[0] });
		expect(catalogueSchema.safeParse(cat).success).toBe(false);
	});

	it('accepts the unchanged copy (so the rejections above are about the change)', () => {
		expect(catalogueSchema.safeParse(copyOfV1()).success).toBe(true);
	});
});

describe('findCatalogue and latestVersion', () => {
	const v2 = makeCatalogue({ version: 2 });
	const registry = [FRAMSTEG_V1, v2];

	it('finds each version by id and version', () => {
		expect(findCatalogue({ catalogueId: 'framsteg', catalogueVersion: 1 }, registry)).toBe(
			FRAMSTEG_V1
		);
		expect(findCatalogue({ catalogueId: 'framsteg', catalogueVersion: 2 }, registry)).toBe(v2);
	});

	it('returns undefined for an unknown version or id', () => {
		expect(findCatalogue({ catalogueId: 'framsteg', catalogueVersion: 3 }, registry)).toBe(
			undefined
		);
		expect(findCatalogue({ catalogueId: 'other', catalogueVersion: 1 }, registry)).toBe(undefined);
	});

	it('uses the published registry by default', () => {
		expect(findCatalogue({ catalogueId: 'framsteg', catalogueVersion: 1 })).toBe(FRAMSTEG_V1);
		expect(findCatalogue({ catalogueId: 'framsteg', catalogueVersion: 2 })).toBe(undefined);
		expect(latestVersion('framsteg')).toBe(FRAMSTEG_V1);
	});

	it('picks the highest version whatever the registry order', () => {
		expect(latestVersion('framsteg', registry)).toBe(v2);
		expect(latestVersion('framsteg', [v2, FRAMSTEG_V1])).toBe(v2);
	});

	it('returns undefined for an unknown catalogue id', () => {
		expect(latestVersion('other', registry)).toBe(undefined);
	});
});
