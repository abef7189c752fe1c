import { beforeAll, describe, expect, it } from 'vitest';
import {
	caseRecordLines,
	clientCopyHtml,
	clientOnlySummary,
	compareMeasurements,
	CURRENT_CATALOGUE,
	escapeHtml,
	renderText,
	type MeasurementId
} from '$lib/core';
import { NAMESPACES } from '$lib/i18n/config';
import { initI18n, loadNamespaces } from '$lib/i18n/i18n';
import { rendererFor } from '$lib/state/report-text';
import { makeClient, makeMeasurement } from '../../fixtures/factories';

beforeAll(async () => {
	// As the root layout does for a report page: the interface language, then its namespaces.
	await initI18n('en');
	await loadNamespaces(NAMESPACES);
});

const client = makeClient({ code: 'K-77' });
const previous = makeMeasurement({
	clientId: client.id,
	id: 'previous-0001' as MeasurementId,
	takenOn: '2026-06-01',
	client: { 'job-search': 2 }
});
const current = makeMeasurement({
	clientId: client.id,
	seed: 2,
	takenOn: '2026-09-01',
	language: 'ar',
	register: 'easy',
	client: { 'job-search': 5 },
	clientAnswers: {},
	note: 'Ring <b>A</b>',
	focusIndicators: ['contact']
});
const comparison = compareMeasurements(
	{
		measurement: {
			...current,
			clientAnswers: { ...previous.clientAnswers, 'client.job-search': 5 }
		},
		catalogue: CURRENT_CATALOGUE
	},
	{ measurement: previous, catalogue: CURRENT_CATALOGUE }
);

describe('case-record text', () => {
	const text = (includeBelief = false) =>
		renderText(
			caseRecordLines({
				includeBelief,
				client,
				measurement: {
					...current,
					clientAnswers: { ...previous.clientAnswers, 'client.job-search': 5 }
				},
				catalogue: CURRENT_CATALOGUE,
				comparison,
				previousDate: previous.takenOn,
				caseworker: 'Anna Berg, Väst'
			}),
			rendererFor('sv')
		);

	it("leaves out the caseworker's belief unless the unit setting includes it", () => {
		expect(text()).not.toContain('Handläggarens tilltro');
		expect(text(true)).toContain('Handläggarens tilltro till deltagarens chans att få jobb:');
	});

	it('is Swedish whatever the interface language, and names the answer language', () => {
		expect(text().split('\n')[0]).toBe('BIP-mätning i Framsteg 2026-09-01');
		expect(text()).toContain('Deltagare (kod): K-77');
		expect(text()).toContain('Handläggare: Anna Berg, Väst');
		expect(text()).toContain('Deltagaren svarade på: arabiska (Lättläst)');
		expect(text()).toContain('Jämförs med mätningen 2026-06-01.');
		expect(text()).toContain('– Jobbsökande: 5 / ');
		expect(text()).toContain('Jobbsökande: deltagaren skattar högre än förra gången (2 → 5).');
		expect(text()).toContain('Fokus till nästa gång: Ta kontakt.');
		expect(text()).toContain('Anteckning: Ring <b>A</b>');
	});

	it('is plain text: no markup added, paragraphs separated by blank lines', () => {
		expect(text()).not.toMatch(/<(?!b>|\/b>)/);
		expect(text()).toContain('\n\nVad har förändrats:');
		expect(text()).not.toContain('{{');
	});
});

describe("the client's copy", () => {
	it("keeps only the client's own changes (no caseworker lines)", () => {
		const keys = clientOnlySummary(comparison).map((l) => l.key);
		expect(keys).not.toContain('conversation:summary.caseworkerChanged');
		expect(keys).not.toContain('conversation:summary.talkingPoints');
		expect(keys).toContain('conversation:summary.clientImproved');
	});

	it('escapes every text and has no script', () => {
		expect(escapeHtml(`<script>"'&`)).toBe('&lt;script&gt;&quot;&#39;&amp;');
		const html = clientCopyHtml({
			lang: 'ar',
			dir: 'rtl',
			title: '<script>alert(1)</script>',
			heading: 'x',
			intro: '<img src=x onerror=alert(1)>',
			ratingsCaption: 'c',
			columns: ['a', 'b', 'c'],
			rows: [{ indicator: '<b>i</b>', value: '4', answer: '"a"' }],
			changedHeading: 'h',
			changed: ['<i>x</i>'],
			focusHeading: 'f',
			focus: [],
			footer: 'f'
		});
		expect(html).toContain('<html lang="ar" dir="rtl">');
		expect(html).not.toContain('<script');
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(html).toContain("default-src 'none'");
	});
});
