import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { announced, markLiveRegions, PASSPHRASE } from './page-models/app';

async function expectNoViolations(page: Page, where: string) {
	const result = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const summary = result.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations on ${where}`).toEqual([]);
}

/**
 * Forms refuse what must not be saved, say why at the field (aria-invalid and an error
 * text tied with aria-describedby), move focus to the first field to fix, and keep
 * what was typed.
 */

test('the conversation note and the action plan refuse personal identity numbers, empty goals and steps due before the conversation', async ({
	page,
	app,
	conversation
}) => {
	test.setTimeout(120_000);
	await app.setUp();
	await app.addClient('FORM-1');
	await conversation.start({ date: '2025-01-10' });
	await conversation.answerClient([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
	await conversation.handBack();
	await conversation.answerCaseworker([3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);

	// A personnummer in the note: refused at the field, nothing saved, the text kept.
	for (const f of ['Jobbsökande', 'Samarbete'])
		await page.getByRole('checkbox', { name: f, exact: true }).check();
	const note = page.getByLabel('Anteckning');
	const withPin = 'Ring deltagaren 19900101-1234 om praktiken.';
	await note.fill(withPin);
	await page.getByRole('button', { name: 'Spara samtalet' }).click();
	await expect(note).toBeFocused();
	await expect(note).toHaveAttribute('aria-invalid', 'true');
	await expect(note).toHaveAccessibleDescription(
		/Anteckningen ser ut att innehålla ett personnummer/
	);
	await expect(note).toHaveValue(withPin);
	await expect(page.getByRole('heading', { level: 1, name: 'Resultat' })).toBeVisible();
	// The short form and a samordningsnummer are refused too.
	for (const pin of ['900101-1234', '900161-1234']) {
		await note.fill(`Deltagare ${pin}`);
		await page.getByRole('button', { name: 'Spara samtalet' }).click();
		await expect(note).toBeFocused();
		await expect(note).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByRole('heading', { level: 1, name: 'Resultat' })).toBeVisible();
	}
	await note.fill('Ring deltagaren om praktiken.');
	await page.getByRole('button', { name: 'Spara samtalet' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /^Mätning/ })).toBeVisible();

	// An action plan with every goal empty is not saved.
	await page.getByRole('link', { name: 'Gör en handlingsplan utifrån samtalet' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Handlingsplan/ })).toBeVisible();
	const firstGoal = page.getByLabel('Mål för Jobbsökande');
	const secondGoal = page.getByLabel('Mål för Samarbete');
	await page.getByRole('button', { name: 'Spara handlingsplanen' }).click();
	await expect(firstGoal).toBeFocused();
	await expect(page).toHaveURL(/\/plan/);
	for (const goal of [firstGoal, secondGoal]) {
		await expect(goal).toHaveAttribute('aria-invalid', 'true');
		await expect(goal).toHaveAccessibleDescription('Skriv minst ett mål innan du sparar planen.');
	}
	await expectNoViolations(page, 'plan editor with errors');

	// A step due before the conversation is refused with its own message; what was typed stays.
	const what = page.getByLabel('Vad ska göras');
	const due = page.getByLabel('Senast');
	await what.fill('Besöka arbetsförmedlingen');
	await due.fill('1999-01-01');
	await page.getByRole('button', { name: 'Lägg till steg' }).click();
	await expect(due).toBeFocused();
	await expect(due).toHaveAttribute('aria-invalid', 'true');
	await expect(due).toHaveAccessibleDescription('Datumet Senast kan inte vara före samtalet.');
	await expect(what).toHaveValue('Besöka arbetsförmedlingen');
	await expect(page.getByRole('rowheader', { name: 'Besöka arbetsförmedlingen' })).toHaveCount(0);
	await due.fill('2025-02-01');
	await page.getByRole('button', { name: 'Lägg till steg' }).click();
	await expect(page.getByRole('rowheader', { name: 'Besöka arbetsförmedlingen' })).toBeVisible();
	await expect(due).not.toHaveAttribute('aria-invalid', 'true');

	// A personnummer in a step or a goal is refused, naming the field.
	await what.fill('Möte om 19900101-1234');
	await page.getByRole('button', { name: 'Lägg till steg' }).click();
	await expect(what).toBeFocused();
	await expect(what).toHaveAttribute('aria-invalid', 'true');
	await expect(what).toHaveAccessibleDescription(/Steget ser ut att innehålla ett personnummer/);
	await expect(what).toHaveValue('Möte om 19900101-1234');
	await what.fill('');

	await firstGoal.fill('Söka jobb åt 900101-1234');
	await page.getByRole('button', { name: 'Spara handlingsplanen' }).click();
	await expect(firstGoal).toBeFocused();
	await expect(firstGoal).toHaveAttribute('aria-invalid', 'true');
	await expect(firstGoal).toHaveAccessibleDescription(
		/Målet ser ut att innehålla ett personnummer/
	);
	await expect(firstGoal).toHaveValue('Söka jobb åt 900101-1234');

	// Nothing was saved so far.
	await page.getByRole('link', { name: 'Avbryt' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Deltagare FORM-1/ })).toBeVisible();
	await expect(page.locator('.client-plan')).toContainText('Ingen handlingsplan ännu.');

	// One goal written is enough; the empty goal row is not saved as an empty goal.
	await page.getByRole('link', { name: 'Gör en handlingsplan', exact: true }).click();
	await page.getByLabel('Mål för Jobbsökande').fill('Söka tre jobb i månaden');
	await page.getByRole('button', { name: 'Spara handlingsplanen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Deltagare FORM-1/ })).toBeVisible();
	const summary = page.locator('.plan-summary');
	await expect(summary).toContainText('Mål för Jobbsökande: Söka tre jobb i månaden');
	await expect(summary).not.toContainText('Samarbete');
});

test('adding or saving a participant, a conversation or an action plan is announced, in a live region that was there before', async ({
	page,
	app,
	conversation
}) => {
	test.setTimeout(120_000);
	await app.setUp();
	await page.getByRole('link', { name: 'Ny deltagare' }).click();
	await page.getByLabel('Kod eller pseudonym').fill('SAY-1');
	await markLiveRegions(page);
	await page.getByRole('button', { name: 'Lägg till deltagare' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare SAY-1' })).toBeVisible();
	await expect(announced(page, 'Deltagaren är tillagd.')).toHaveCount(1);

	await page.getByRole('link', { name: 'Ändra' }).click();
	await page.getByLabel('Kod eller pseudonym').fill('SAY-2');
	await markLiveRegions(page);
	await page.getByRole('button', { name: 'Spara', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare SAY-2' })).toBeVisible();
	await expect(announced(page, 'Ändringarna av deltagaren är sparade.')).toHaveCount(1);

	await conversation.start();
	// The confirmation belongs to the page it was said on.
	await expect(page.getByText('Ändringarna av deltagaren är sparade.')).toHaveCount(0);
	await conversation.answerClient([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
	await conversation.handBack();
	await conversation.answerCaseworker([3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
	await markLiveRegions(page);
	await conversation.finish({ focus: ['Jobbsökande'] });
	await expect(announced(page, 'Samtalet är sparat.')).toHaveCount(1);
	await expectNoViolations(page, 'measurement page with its save announced');

	await page.getByRole('link', { name: 'Gör en handlingsplan utifrån samtalet' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Handlingsplan/ })).toBeVisible();
	await page.getByLabel('Mål för Jobbsökande').fill('Söka tre jobb i månaden');
	await markLiveRegions(page);
	await page.getByRole('button', { name: 'Spara handlingsplanen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Deltagare SAY-2' })).toBeVisible();
	await expect(announced(page, 'Handlingsplanen är sparad.')).toHaveCount(1);
});

test('set-up shows every field error at once and focuses the first; the lock screen ties its error to the field', async ({
	page,
	app
}) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Kom igång med Framsteg' })).toBeVisible();
	const name = page.getByLabel('Ditt namn eller dina initialer');
	const passphrase = page.getByLabel('Lösenfras', { exact: true });
	const repeat = page.getByLabel('Skriv lösenfrasen en gång till');
	const submit = page.getByRole('button', { name: 'Börja använda Framsteg' });

	await name.fill('Anna Berg');
	await passphrase.fill('kort');
	await repeat.fill('annan');
	await submit.click();
	await expect(passphrase).toBeFocused();
	await expect(passphrase).toHaveAttribute('aria-invalid', 'true');
	await expect(passphrase).toHaveAccessibleDescription(/Lösenfrasen måste ha minst 10 tecken\./);
	await expect(repeat).toHaveAttribute('aria-invalid', 'true');
	await expect(repeat).toHaveAccessibleDescription('Lösenfraserna är inte likadana.');
	await expect(name).not.toHaveAttribute('aria-invalid', 'true');

	// With the name missing as well, all three show and focus goes to the first.
	await name.fill('');
	await submit.click();
	await expect(name).toBeFocused();
	for (const field of [name, passphrase, repeat])
		await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(name).toHaveAccessibleDescription(/Skriv ditt namn eller dina initialer\./);
	await expectNoViolations(page, 'set-up with errors');

	// Only the repetition wrong: only its message.
	await name.fill('Anna Berg');
	await passphrase.fill(PASSPHRASE);
	await submit.click();
	await expect(repeat).toBeFocused();
	await expect(passphrase).not.toHaveAttribute('aria-invalid', 'true');
	await expect(repeat).toHaveAttribute('aria-invalid', 'true');

	await app.setUp();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Framsteg är låst' })).toBeVisible({
		timeout: 15_000
	});
	const lock = page.getByLabel('Lösenfras', { exact: true });
	await expect(lock).not.toHaveAttribute('aria-invalid', 'true');
	await lock.fill('fel lösenfras här');
	await page.getByRole('button', { name: 'Lås upp', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Det stämmer inte');
	await expect(lock).toHaveAttribute('aria-invalid', 'true');
	await expect(lock).toHaveAccessibleDescription(/Det stämmer inte/);
	await app.unlock();
});

test('a caseworker change says which field is wrong, and says it is saved', async ({
	page,
	app
}) => {
	await app.setUp();
	await app.addClient('BYTE-1');
	await page.getByRole('link', { name: 'Registrera insatser' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /Insatser/ })).toBeVisible();
	const date = page.getByLabel('Datum för bytet');
	const from = page.getByLabel('Från (namn eller initialer)');
	const to = page.getByLabel('Till (namn eller initialer)');
	const add = page.getByRole('button', { name: 'Lägg till bytet' });
	const saved = page.getByRole('status').filter({ hasText: 'Bytet av handläggare är sparat.' });

	// A personnummer in a name: the message belongs to that field, focus goes there.
	await date.fill('2099-06-01');
	await from.fill('Karin');
	await to.fill('19850101-1234');
	await add.click();
	await expect(to).toBeFocused();
	await expect(to).toHaveAttribute('aria-invalid', 'true');
	await expect(to).toHaveAccessibleDescription(
		'Skriv namn eller initialer, inte ett personnummer.'
	);
	await expect(from).not.toHaveAttribute('aria-invalid', 'true');
	await expect(saved).toHaveCount(0);

	// A date in the future: at the date field.
	await to.fill('Omar');
	await add.click();
	await expect(date).toBeFocused();
	await expect(date).toHaveAttribute('aria-invalid', 'true');
	await expect(date).toHaveAccessibleDescription('Bytet kan inte ligga i framtiden.');
	await expect(to).not.toHaveAttribute('aria-invalid', 'true');
	await expect(saved).toHaveCount(0);

	// Saved: a polite status says so, the form is emptied and focus is back at its first field.
	await date.fill('2025-05-01');
	await add.click();
	await expect(saved).toBeVisible();
	await expect(page.getByText('Karin → Omar').first()).toBeVisible();
	await expect(date).toBeFocused();
	for (const field of [date, from, to]) {
		await expect(field).toHaveValue('');
		await expect(field).not.toHaveAttribute('aria-invalid', 'true');
	}
	await expect(page.getByText('Bytet kan inte ligga i framtiden.')).toHaveCount(0);
	await expectNoViolations(page, 'interventions after a saved caseworker change');

	// The next try clears the confirmation before it says anything else.
	await add.click();
	await expect(date).toBeFocused();
	await expect(date).toHaveAttribute('aria-invalid', 'true');
	await expect(date).toHaveAccessibleDescription('Skriv ett giltigt datum.');
	await expect(saved).toHaveCount(0);
});

test('every new passphrase follows one rule: export file, settings and the recovery key', async ({
	page,
	app
}) => {
	test.setTimeout(120_000);
	await app.setUp();
	await app.addClient('PASS-1');
	const tooShort = 'Lösenfrasen måste ha minst 10 tecken.';
	const mismatch = 'Lösenfraserna är inte likadana.';

	// An encrypted export file: nine characters are too few, and both problems show at once.
	let downloads = 0;
	page.on('download', () => downloads++);
	await page.getByRole('link', { name: 'Exportera till fil' }).click();
	const filePassphrase = page.getByLabel('Lösenfras', { exact: true });
	const fileRepeat = page.getByLabel('Skriv lösenfrasen en gång till');
	const exportButton = page.getByRole('button', { name: 'Exportera fil' });
	await filePassphrase.fill('123456789');
	await fileRepeat.fill('annan');
	await exportButton.click();
	await expect(filePassphrase).toBeFocused();
	await expect(filePassphrase).toHaveAttribute('aria-invalid', 'true');
	await expect(filePassphrase).toHaveAccessibleDescription(new RegExp(tooShort));
	await expect(fileRepeat).toHaveAttribute('aria-invalid', 'true');
	await expect(fileRepeat).toHaveAccessibleDescription(mismatch);
	await fileRepeat.fill('123456789');
	await exportButton.click();
	await expect(filePassphrase).toBeFocused();
	await expect(filePassphrase).toHaveAccessibleDescription(new RegExp(tooShort));
	await expect(fileRepeat).not.toHaveAttribute('aria-invalid', 'true');
	await expectNoViolations(page, 'export with passphrase errors');
	expect(downloads).toBe(0);
	await filePassphrase.fill('1234567890');
	await fileRepeat.fill('1234567890');
	await Promise.all([page.waitForEvent('download'), exportButton.click()]);
	await expect(page.getByText(/är nedladdad/)).toBeVisible();
	await expect(filePassphrase).not.toHaveAttribute('aria-invalid', 'true');

	// Settings → change passphrase: the same rule and words, each at its field.
	await app.menu('Inställningar');
	const current = page.getByLabel('Nuvarande lösenfras');
	const next = page.getByLabel('Ny lösenfras');
	const repeat = page.getByLabel('Skriv lösenfrasen en gång till');
	const change = page.getByRole('button', { name: 'Byt lösenfras' });
	await current.fill(PASSPHRASE);
	await next.fill('kort');
	await repeat.fill('annan');
	await change.click();
	await expect(next).toBeFocused();
	await expect(next).toHaveAttribute('aria-invalid', 'true');
	await expect(next).toHaveAccessibleDescription(new RegExp(tooShort));
	await expect(repeat).toHaveAttribute('aria-invalid', 'true');
	await expect(repeat).toHaveAccessibleDescription(mismatch);
	await expectNoViolations(page, 'settings with passphrase errors');
	// A wrong current passphrase is told at its own field.
	await current.fill('inte den rätta frasen');
	await next.fill('en andra lång lösenfras');
	await repeat.fill('en andra lång lösenfras');
	await change.click();
	await expect(current).toBeFocused();
	await expect(current).toHaveAttribute('aria-invalid', 'true');
	await expect(current).toHaveAccessibleDescription(/Det stämmer inte/);
	await expect(next).not.toHaveAttribute('aria-invalid', 'true');
	await current.fill(PASSPHRASE);
	await change.click();
	await expect(page.getByRole('status').filter({ hasText: 'Lösenfrasen är bytt.' })).toBeVisible({
		timeout: 15_000
	});
	await expect(current).not.toHaveAttribute('aria-invalid', 'true');

	// The recovery key on the lock screen: the same rule, checked before the key is tried.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Framsteg är låst' })).toBeVisible({
		timeout: 15_000
	});
	await page.getByRole('button', { name: 'Har du glömt lösenfrasen?' }).click();
	const key = page.getByLabel('Återställningsnyckel');
	const recoveryNext = page.getByLabel('Ny lösenfras');
	const recoveryRepeat = page.getByLabel('Skriv lösenfrasen en gång till');
	const submit = page.getByRole('button', { name: 'Lås upp och spara ny lösenfras' });
	await key.fill(app.recoveryKey);
	await recoveryNext.fill('kort');
	await recoveryRepeat.fill('kort');
	await submit.click();
	await expect(recoveryNext).toBeFocused();
	await expect(recoveryNext).toHaveAttribute('aria-invalid', 'true');
	await expect(recoveryNext).toHaveAccessibleDescription(new RegExp(tooShort));
	await expect(recoveryRepeat).not.toHaveAttribute('aria-invalid', 'true');
	await recoveryRepeat.fill('annan');
	await submit.click();
	await expect(recoveryRepeat).toHaveAttribute('aria-invalid', 'true');
	await expect(recoveryRepeat).toHaveAccessibleDescription(mismatch);
	await expect(recoveryNext).toHaveAccessibleDescription(new RegExp(tooShort));
	await expectNoViolations(page, 'recovery with passphrase errors');
	await recoveryNext.fill('en tredje lång lösenfras');
	await recoveryRepeat.fill('en tredje lång lösenfras');
	await submit.click();
	await expect(page.getByRole('heading', { name: 'Framsteg är låst' })).toBeHidden({
		timeout: 15_000
	});
	await page.reload();
	await app.unlock('en tredje lång lösenfras');
});
