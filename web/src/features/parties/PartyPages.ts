// The pages of customers, suppliers and prospects: one chunk, loaded when first opened.
export { PartySearchPage } from './PartySearchPage';
export { PartyNewPage } from './PartyNewPage';
export { PartyPage } from './PartyPage';
