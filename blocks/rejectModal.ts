import type { ModalView } from '@slack/types';
import { encodeRejectMetadata, REJECT_MODAL, type RejectMetadata } from './actionIds.js';
import { fitModal, plain, SLACK_LIMITS, section } from './limits.js';

/**
 * The modal a Reject click opens: one required reason, which the requester reads in the request
 * message and in a notice to them. `metadata` says which request and which message it is for.
 */
export function buildRejectModal(metadata: RejectMetadata): ModalView {
  return fitModal({
    type: 'modal',
    callback_id: REJECT_MODAL.callbackId,
    title: plain('Reject publish request', SLACK_LIMITS.modalTitle),
    submit: plain('Reject', SLACK_LIMITS.modalButton),
    close: plain('Cancel', SLACK_LIMITS.modalButton),
    private_metadata: encodeRejectMetadata(metadata),
    blocks: [
      section(
        'The request ends and cannot be approved later. Its requester sees your reason, so say what to change.',
      ),
      {
        type: 'input',
        block_id: REJECT_MODAL.reasonBlock,
        label: plain('Why do you reject it?', SLACK_LIMITS.inputLabel),
        element: {
          type: 'plain_text_input',
          action_id: REJECT_MODAL.reasonAction,
          multiline: true,
          min_length: 1,
          max_length: REJECT_MODAL.reasonMax,
          placeholder: plain('The queue should be Billing, not Sales.', SLACK_LIMITS.placeholder),
        },
      },
    ],
  });
}
