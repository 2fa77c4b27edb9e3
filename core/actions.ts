/**
 * The Flow Language action types flowgate knows, with the name of the block the flow designer
 * shows for each (diagnostics name blocks the way people see them). Source:
 * shared/reference/flow-format.md section 2 and the Amazon Connect action reference.
 */
const BLOCK_NAMES: Readonly<Record<string, string>> = {
  // Participant actions
  MessageParticipant: 'Play prompt',
  GetParticipantInput: 'Get customer input',
  ConnectParticipantWithLexBot: 'Get customer input',
  MessageParticipantIteratively: 'Loop prompts',
  DisconnectParticipant: 'Disconnect / hang up',
  ShowView: 'Show view',
  TransferParticipantToThirdParty: 'Transfer to phone number',
  // Contact actions
  UpdateContactTargetQueue: 'Set working queue',
  TransferContactToQueue: 'Transfer to queue',
  DequeueContactAndTransferToQueue: 'Transfer to queue',
  TransferContactToAgent: 'Transfer to agent',
  UpdateContactEventHooks: 'Set event flow',
  InvokeFlowModule: 'Invoke module',
  EndFlowModuleExecution: 'Return',
  UpdateContactAttributes: 'Set contact attributes',
  UpdateContactData: 'Set contact data',
  UpdateContactCallbackNumber: 'Set callback number',
  UpdateContactRecordingBehavior: 'Set recording and analytics behavior',
  UpdateContactRecordingAndAnalyticsBehavior: 'Set recording and analytics behavior',
  UpdateContactMediaStreamingBehavior: 'Start/Stop media streaming',
  UpdateContactMediaProcessing: 'Set chat processor',
  UpdateContactTextToSpeechVoice: 'Set voice',
  UpdateContactRoutingBehavior: 'Change routing priority / age',
  UpdatePreviousContactParticipantState: 'Hold customer or agent',
  CreateTask: 'Create task',
  CreateCase: 'Cases',
  GetCase: 'Cases',
  UpdateCase: 'Cases',
  CreateWisdomSession: 'Amazon Q in Connect',
  CompleteOutboundCall: 'Call phone number',
  StartOutboundChatContact: 'Send message',
  TagContact: 'Tag contact',
  UnTagContact: 'Untag contact',
  ResumeContact: 'Resume contact',
  // Flow-control actions
  CheckHoursOfOperation: 'Check hours of operation',
  CheckMetricData: 'Check staffing',
  GetMetricData: 'Get queue metrics',
  Compare: 'Check contact attributes',
  DistributeByPercentage: 'Distribute by percentage',
  Loop: 'Loop',
  Wait: 'Wait',
  EndFlowExecution: 'End flow / Resume',
  TransferToFlow: 'Transfer to flow',
  UpdateFlowLoggingBehavior: 'Set logging behavior',
  UpdateFlowAttributes: 'Set flow attributes',
  UpdateRoutingCriteria: 'Set routing criteria',
  UpdateContactRoutingCriteria: 'Set routing criteria',
  CheckVoiceId: 'Check Voice ID',
  StartVoiceIdStream: 'Set Voice ID',
  CheckOutboundCallStatus: 'Check call progress',
  // Interactions
  InvokeLambdaFunction: 'AWS Lambda function',
  CreateCallbackContact: 'Transfer to queue (callback)',
  CreateCustomerProfile: 'Customer profiles',
  GetCustomerProfile: 'Customer profiles',
  UpdateCustomerProfile: 'Customer profiles',
  AssociateContactToCustomerProfile: 'Customer profiles',
  GetCustomerProfileObject: 'Customer profiles',
  GetCalculatedAttributesForCustomerProfile: 'Customer profiles',
};

/** True when flowgate knows this action type. Unknown types are kept as they are and reported. */
export function isKnownActionType(type: string): boolean {
  return Object.hasOwn(BLOCK_NAMES, type);
}

/** The designer's block name for an action type; the type itself when unknown. */
export function blockName(type: string): string {
  return Object.hasOwn(BLOCK_NAMES, type) ? (BLOCK_NAMES[type] ?? type) : type;
}

/** Every known action type. */
export function knownActionTypes(): readonly string[] {
  return Object.keys(BLOCK_NAMES);
}
