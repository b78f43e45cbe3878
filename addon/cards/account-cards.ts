import type { DeleteAccountResponse } from '../../shared/api';
import { deleteAccount } from '../actions/account-actions';
import { goBack } from '../actions/home-actions';
import type { Card } from '../platform/card-service';
import { COLORS, colored, plural } from '../ui/text';
import { act, button, card, paragraph, section, textInput } from '../ui/widgets';

/** The word the teacher types to confirm: a click alone must not delete an account. */
export const DELETE_ACCOUNT_WORD = 'DELETE';
/** The confirmation input's name. */
export const CONFIRM_INPUT = 'confirm';

/** "Delete your account?" — what goes, what stays, and a typed confirmation. No backend call to show it. */
export function confirmDeleteAccountCard(): Card {
  return card({
    name: 'confirm-delete-account',
    title: 'Delete your GradeBot account?',
    sections: [
      section(undefined, [
        paragraph(
          'GradeBot will delete all your assignments, rubrics, feedback and class summaries, every copy of your students’ text it holds, your streaks and stats, and your usage and cost records.',
        ),
        paragraph('A paid subscription is cancelled now and no further payments are taken. Stripe keeps its own payment records, as the law requires.'),
        paragraph('Feedback you already inserted into Docs stays there. ' + colored('<b>This cannot be undone.</b>', COLORS.error)),
        textInput({ name: CONFIRM_INPUT, title: `Type ${DELETE_ACCOUNT_WORD} to confirm` }),
      ]),
    ],
    primary: button('Delete my account', { action: act(deleteAccount, {}) }, { style: 'FILLED' }),
    secondary: button('Cancel', { action: act(goBack, {}) }),
  });
}

/** After the deletion: nothing here calls the backend again (that would start a new account). */
export function accountDeletedCard(r: DeleteAccountResponse): Card {
  return card({
    name: 'account-deleted',
    title: 'Account deleted',
    sections: [
      section(undefined, [
        paragraph(`Your GradeBot account and all its data were deleted, including ${plural(r.assignments, 'assignment')}.`),
        r.subscriptionCanceled ? paragraph('Your subscription was cancelled.') : undefined,
        paragraph('If you open GradeBot again, it starts a new, empty account.'),
        paragraph('To also remove GradeBot’s access to your Google account, go to myaccount.google.com/permissions.'),
      ]),
    ],
  });
}
