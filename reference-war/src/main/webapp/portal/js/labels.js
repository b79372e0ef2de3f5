// The words shown for the API's enumerations, shared by the client portal and the team console.

export const ENTRY_TYPES = {
  PURCHASE: 'Purchase',
  USAGE: 'Usage',
  MANUAL_ADDITION: 'Added by the team',
  MANUAL_DEDUCTION: 'Deducted by the team',
  EXPIRATION: 'Expired',
  REFUND: 'Refund',
  REVERSAL: 'Reversal',
  TRANSFER_OUT: 'Transfer out',
  TRANSFER_IN: 'Transfer in',
  ALLOTMENT: 'Allotment',
  ROLLOVER: 'Rollover',
};

export const REQUEST_STATUS = {
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  DELIVERED: 'Delivered',
  CANCELED: 'Canceled',
};

export const PURCHASE_STATUS = {
  PENDING: 'Pending: awaiting payment confirmation',
  PAID: 'Paid',
  CREDITED: 'Credited',
  FAILED: 'Failed',
  CANCELED: 'Canceled',
  PARTIALLY_REFUNDED: 'Partly refunded',
  REFUNDED: 'Refunded',
};

export const HOLD_STATUS = {
  ACTIVE: 'Active',
  CAPTURED: 'Captured',
  RELEASED: 'Released',
  EXPIRED: 'Expired',
};

export const LOT_SOURCES = {
  PURCHASE: 'Purchase',
  MANUAL_GRANT: 'Added by the team',
  ALLOTMENT: 'Allotment',
  TRANSFER: 'Transfer',
  ROLLOVER: 'Rollover',
  REVERSAL: 'Reversal',
};

export const PERIODS = {
  DAILY: 'Every day',
  WEEKLY: 'Every week',
  MONTHLY: 'Every month',
  QUARTERLY: 'Every quarter',
  YEARLY: 'Every year',
};

export const ALLOTMENT_STATUS = {
  ACTIVE: 'Active',
  PAUSED: 'Paused',
  CANCELLED: 'Canceled',
  ENDED: 'Ended',
};

export const AUTO_TOP_UP_STATUS = {
  ACTIVE: 'Active',
  PAUSED: 'Paused',
};

export const AUTO_TOP_UP_ATTEMPT_STATUS = {
  STARTED: 'Started',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  SKIPPED: 'Skipped',
};

export const SUBSCRIPTION_STATUS = {
  ACTIVE: 'Active',
  PAUSED: 'Paused',
  CANCELLED: 'Canceled',
};

export const SUBSCRIPTION_PAUSE_REASONS = {
  REQUESTED: 'paused on request',
  INSUFFICIENT_CREDITS: 'paused: too few credits for a period',
};

export const GATEWAYS = {
  manual: 'Manual (the team confirms the payment)',
  stripe: 'Stripe (card)',
};

export const REASONS = {
  BONUS: 'Bonus',
  PROMOTIONAL: 'Promotional',
  CORRECTION: 'Correction',
  COMPENSATION: 'Compensation',
  REFERRAL: 'Referral',
  LOYALTY: 'Loyalty',
  ADJUSTMENT: 'Adjustment',
  ERROR_ADJUSTMENT: 'Error adjustment',
  PENALTY: 'Penalty',
  OVER_ALLOCATION: 'Over-allocation',
  RECALL: 'Recall',
  CANCELLATION: 'Cancellation',
  OTHER: 'Other',
};

/** A status shown in words with its colour class. */
export function statusText(labels, status) {
  return { text: labels[status] || status, cls: `status status-${String(status).toLowerCase().replace(/_/g, '-')}` };
}
