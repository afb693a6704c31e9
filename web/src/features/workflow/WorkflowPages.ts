// The workflow screens (ADR 0038), loaded together as one chunk.
export { FollowupWorkflowPage } from './FollowupWorkflowPage';
export { WorkflowEditorPage } from './WorkflowEditorPage';
export { WorkflowPositionsPage } from './WorkflowPositionsPage';
