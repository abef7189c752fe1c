import {
	catalogueSchema,
	type Catalogue,
	type CatalogueRef,
	type Item,
	type Respondent
} from './schema';
import { FRAMSTEG_V1 } from './framsteg-v1';

/** Every published catalogue version. Old versions stay so that history renders as answered. */
export type CatalogueRegistry = readonly Catalogue[];

export const PUBLISHED_CATALOGUES: CatalogueRegistry = [FRAMSTEG_V1];

/** The catalogue new conversations use. */
export const CURRENT_CATALOGUE: Catalogue = FRAMSTEG_V1;

export function findCatalogue(
	ref: CatalogueRef,
	registry: CatalogueRegistry = PUBLISHED_CATALOGUES
): Catalogue | undefined {
	return registry.find((c) => c.id === ref.catalogueId && c.version === ref.catalogueVersion);
}

/** The newest version of a catalogue id in a registry. */
export function latestVersion(
	catalogueId: string,
	registry: CatalogueRegistry = PUBLISHED_CATALOGUES
): Catalogue | undefined {
	return registry
		.filter((c) => c.id === catalogueId)
		.reduce<Catalogue | undefined>(
			(best, c) => (!best || c.version > best.version ? c : best),
			undefined
		);
}

export function itemsFor(catalogue: Catalogue, respondent: Respondent): Item[] {
	return catalogue.items.filter((i) => i.respondent === respondent);
}

export function scaleOf(catalogue: Catalogue, item: Item) {
	const scale = catalogue.scales.find((s) => s.id === item.scaleId);
	if (!scale)
		throw new Error(`catalogue ${catalogue.id}@${catalogue.version}: no scale ${item.scaleId}`);
	return scale;
}

/** Validates loaded catalogue data (e.g. another catalogue shipped as JSON). */
export function parseCatalogue(data: unknown): Catalogue {
	return catalogueSchema.parse(data);
}

export function radarIndicators(catalogue: Catalogue) {
	return catalogue.indicators.filter((i) => i.onRadar);
}

/** The step range of the radar indicators' scale (the value axis of radar and line charts). */
export function radarRange(catalogue: Catalogue): { min: number; max: number } {
	const radarIds = new Set(radarIndicators(catalogue).map((i) => i.id));
	const item = catalogue.items.find((i) => radarIds.has(i.indicatorId));
	if (!item) return { min: 0, max: 1 };
	const steps = scaleOf(catalogue, item).steps;
	return { min: steps[0].value, max: steps[steps.length - 1].value };
}
