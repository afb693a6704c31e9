// The pages of sales documents and the CSV import, and the documents panel and editor of
// a follow-up: one chunk, loaded when first opened.
export { DocumentListPage } from './DocumentListPage';
export { DocumentPage } from './DocumentPage';
export { DocumentFormPage } from './DocumentFormPage';
export { ImportPage } from './ImportPage';
export { FollowupDocumentEditor } from './FollowupDocumentEditor';
export { FollowupDocumentsPanel } from './FollowupDocumentsPanel';
