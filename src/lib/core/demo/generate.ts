import type { CaseworkerId } from '../ids';
import { addDays, addMonths, localIsoDate, type IsoDate } from '../time';
import { addStep, newPlan, type Plan } from '../plan/plan';
import {
	newCaseworkerChange,
	newIntervention,
	type CaseworkerChange,
	type Intervention
} from '../interventions/interventions';
import type { Catalogue } from '../catalogue/schema';
import { itemsFor, scaleOf } from '../catalogue/registry';
import { clientSchema, type Client, type ClientInput } from '../client/client';
import { measurementSchema, type Measurement } from '../measurement/measurement';
import type { Answers } from '../measurement/answers';
import { intBetween, pick, seededIds, seededRandom, type Random } from './random';

export type GenerateOptions = {
	catalogue: Catalogue;
	caseworkerId: CaseworkerId;
	now: Date;
	seed: number;
};

/** Answers for one respondent: a base level plus a trend, clamped to the scale; sometimes a "don't understand". */
function generateAnswers(
	random: Random,
	catalogue: Catalogue,
	respondent: 'client' | 'caseworker',
	level: number,
	allowGaps: boolean
): Answers {
	const answers: Answers = {};
	for (const item of itemsFor(catalogue, respondent)) {
		const steps = scaleOf(catalogue, item).steps;
		if (allowGaps && random() < 0.05) {
			answers[item.id] = random() < 0.5 ? 'dont-understand' : 'declined';
			continue;
		}
		const position = Math.min(0.999, Math.max(0, level + (random() - 0.5) * 0.35));
		answers[item.id] = steps[Math.floor(position * steps.length)].value;
	}
	return answers;
}

/** One generated client with a history of measurements every three months, improving over time. */
export function generateClientHistory(
	o: GenerateOptions & {
		input?: Partial<ClientInput>;
		measurementCount: number;
		isDemo: boolean;
		code?: string;
	}
): { client: Client; measurements: Measurement[] } {
	const random = seededRandom(o.seed);
	const newId = seededIds(random);
	const today = localIsoDate(o.now);
	const firstDate = addMonths(today, -3 * o.measurementCount + 1);
	const createdAt = new Date(`${firstDate}T09:00:00Z`).toISOString();
	const client = clientSchema.parse({
		id: newId(),
		caseworkerId: o.caseworkerId,
		code: o.code ?? `K-${intBetween(random, 1000, 9999)}`,
		gender: pick(random, ['woman', 'man', 'not-stated'] as const),
		birthYearRange: pick(random, ['1970-1979', '1980-1989', '1990-1999', '2000-2009'] as const),
		preferredLanguage: 'sv',
		preferredRegister: 'standard',
		status: 'active',
		createdAt,
		updatedAt: createdAt,
		isDemo: o.isDemo,
		...o.input
	});
	const measurements: Measurement[] = [];
	let level = 0.2 + random() * 0.2;
	for (let n = 0; n < o.measurementCount; n++) {
		const takenOn: IsoDate = addMonths(firstDate, 3 * n);
		const at = new Date(`${takenOn}T10:00:00Z`).toISOString();
		const radar = o.catalogue.indicators.filter((i) => i.onRadar).map((i) => i.id);
		measurements.push(
			measurementSchema.parse({
				id: newId(),
				clientId: client.id,
				caseworkerId: o.caseworkerId,
				takenOn,
				createdAt: at,
				updatedAt: at,
				catalogueId: o.catalogue.id,
				catalogueVersion: o.catalogue.version,
				language: client.preferredLanguage,
				register: client.preferredRegister,
				clientAnswers: generateAnswers(random, o.catalogue, 'client', level + 0.1, true),
				caseworkerAnswers: generateAnswers(random, o.catalogue, 'caseworker', level, false),
				focusIndicators: [pick(random, radar), pick(random, radar)].filter(
					(v, i, a) => a.indexOf(v) === i
				),
				note: '',
				isDemo: o.isDemo
			})
		);
		level = Math.min(0.9, level + 0.08 + random() * 0.1);
	}
	return { client, measurements };
}

/** The in-app example: one clearly marked demo client with three earlier measurements. */
export function generateDemoData(o: GenerateOptions) {
	return generateClientHistory({ ...o, measurementCount: 3, isDemo: true, code: 'DEMO-1' });
}

/**
 * The demo client's action plan (after the latest measurement) and interventions:
 * work practice with a pause, a health effort that ended, and one caseworker change,
 * so the timeline shows a parallel period, a single-track period and a gap.
 */
export function generateDemoFollowUp(o: {
	client: Client;
	measurements: readonly Measurement[];
	now: Date;
	seed: number;
}): { plan: Plan; interventions: Intervention[]; changes: CaseworkerChange[] } {
	const newId = seededIds(seededRandom(o.seed));
	const latest = [...o.measurements].sort((a, b) => b.takenOn.localeCompare(a.takenOn))[0];
	const first = [...o.measurements].sort((a, b) => a.takenOn.localeCompare(b.takenOn))[0];
	const today = localIsoDate(o.now);
	const start = (first?.takenOn ?? today) as IsoDate;
	let plan = newPlan({
		clientId: o.client.id,
		caseworkerId: o.client.caseworkerId,
		measurement: latest,
		today,
		now: o.now,
		newId,
		isDemo: true
	});
	plan = addStep(
		plan,
		{ what: 'Besök på arbetsplatsen', who: 'participant', dueOn: addDays(plan.madeOn, 14) },
		newId
	);
	plan = addStep(
		plan,
		{ what: 'Boka läkartid', who: 'caseworker', dueOn: addDays(plan.madeOn, 30) },
		newId
	);
	const options = { clientId: o.client.id, now: o.now, newId, isDemo: true };
	const interventions = [
		newIntervention(
			{
				type: 'health',
				startOn: addDays(start, 7),
				endOn: addDays(start, 120),
				pauses: []
			},
			options
		),
		newIntervention(
			{
				type: 'work',
				startOn: addDays(start, 60),
				endOn: null,
				pauses: [{ from: addDays(start, 200), to: addDays(start, 245) }]
			},
			options
		)
	];
	const changes = [
		newCaseworkerChange({ changedOn: addDays(start, 150), from: 'AB', to: 'CD' }, options)
	];
	return { plan, interventions, changes };
}
