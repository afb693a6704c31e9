// The attendance screens, loaded together as one chunk.
export { AttendanceTypesAdmin } from './AttendanceTypesAdmin';
export { ParecerPage } from './ParecerPage';
export { PendingPareceresPage } from './PendingPareceresPage';
export { QuestionnairesAdmin } from './QuestionnairesAdmin';
export { FollowupQuestionnairesPage } from './FollowupQuestionnairesPage';
export { AttendanceTypesPage } from './AttendanceTypesPage';
