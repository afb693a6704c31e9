// The pages of sales documents and the CSV import: one chunk, loaded when first opened.
export { DocumentListPage } from './DocumentListPage';
export { DocumentPage } from './DocumentPage';
export { DocumentFormPage } from './DocumentFormPage';
export { ImportPage } from './ImportPage';
