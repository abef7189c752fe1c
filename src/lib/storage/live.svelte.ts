import { liveQuery } from 'dexie';

/**
 * A live query as rune state: `current` updates whenever the tables it read change
 * (in this tab or another). Create it in a component's script so it is torn down
 * with the component.
 */
export class LiveQuery<T> {
	current = $state<T | undefined>(undefined);
	loading = $state(true);
	error = $state<unknown>(undefined);

	/**
	 * @param query reads the database (runs again when the tables it read change)
	 * @param dependencies reads the rune state the query depends on (runs the query again when it changes)
	 */
	constructor(query: () => Promise<T>, dependencies: () => unknown = () => undefined) {
		$effect(() => {
			dependencies();
			const subscription = liveQuery(query).subscribe({
				next: (value) => {
					this.current = value;
					this.loading = false;
					this.error = undefined;
				},
				error: (error: unknown) => {
					this.error = error;
					this.loading = false;
				}
			});
			return () => subscription.unsubscribe();
		});
	}
}
