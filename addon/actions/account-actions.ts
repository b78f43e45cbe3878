import { z } from 'zod';
import { accountDeletedCard, CONFIRM_INPUT, confirmDeleteAccountCard, DELETE_ACCOUNT_WORD } from '../cards/account-cards';
import { InputError } from '../errors';
import { formValue } from '../platform/event';
import { defineHandler } from './handler';
import { push, type Reply } from './reply';

const NoParams = z.object({});

/** From the Billing card: ask first. */
export const confirmDeleteAccount = defineHandler('account.confirmDelete', NoParams, () => push(confirmDeleteAccountCard()));

/**
 * Delete the account (one backend call), forget the form draft kept in user properties, and leave
 * the teacher on a card that makes no further call — any call would create a new account.
 */
export const deleteAccount = defineHandler('account.delete', NoParams, (_p, e, ctx): Reply => {
  if ((formValue(e, CONFIRM_INPUT) ?? '').trim().toUpperCase() !== DELETE_ACCOUNT_WORD) {
    throw new InputError(`Type ${DELETE_ACCOUNT_WORD} to confirm.`, [{ path: CONFIRM_INPUT, message: `Type ${DELETE_ACCOUNT_WORD}` }]);
  }
  const result = ctx.backend.call({ name: 'deleteAccount', params: {} });
  ctx.drafts.clear();
  ctx.cache.forgetHome();
  return { nav: [{ popToRoot: true }, { update: accountDeletedCard(result) }], notify: 'Your GradeBot account was deleted.' };
});
