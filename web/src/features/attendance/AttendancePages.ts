// The attendance screens, loaded together as one chunk.
export { AttendanceTypesAdmin } from './AttendanceTypesAdmin';
export { ParecerPage } from './ParecerPage';
export { PendingPareceresPage } from './PendingPareceresPage';
