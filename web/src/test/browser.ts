/** What navigator.languages says, as a browser set to these languages would. */
export function setBrowserLanguages(languages: string[]): void {
  Object.defineProperty(window.navigator, 'languages', { value: languages, configurable: true });
}
