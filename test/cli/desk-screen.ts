import { screen } from '@inquirer/testing/vitest';
import { expect } from 'vitest';

/**
 * Waits for the flow's first question. (Once inquirer is loaded, the first prompt can render
 * before the test gets to `screen.next()`, so the first one is awaited by its text.)
 */
export async function firstPrompt(text: string): Promise<void> {
  for (let i = 0; i < 500 && !screen.getScreen().includes(text); i++) await new Promise((r) => setTimeout(r, 10));
  expect(screen.getScreen()).toContain(text);
}
