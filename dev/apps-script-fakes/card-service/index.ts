import type * as CS from '../../../addon/platform/card-service';
import { FakeCardBuilder, FakeCardHeader, FakeCardSection, FakeFixedFooter } from './card';
import { FakeAction, FakeIconImage, FakeOpenLink, FakeSwitch, FakeTextButton, enumOf } from './common';
import { FakeActionResponseBuilder, FakeDriveItemsSelectedBuilder, FakeEditorFileScopeBuilder, FakeNavigation, FakeNotification, FakeUniversalActionResponseBuilder } from './responses';
import { FakeButtonSet, FakeDecoratedText, FakeDivider, FakeImage, FakeSelectionInput, FakeTextInput, FakeTextParagraph } from './widgets';

export { CardServiceError } from './common';

/**
 * A CardService whose build() methods return card JSON (google.apps.card.v1) instead of opaque
 * objects, with the checks Apps Script makes when a card is built (missing text, empty sections,
 * buttons without an action) so a card that would fail in Apps Script fails in tests too. Built
 * values carry a non-enumerable printJson(), as Apps Script's do.
 */

/** A fresh fake CardService. */
export function createCardService(): CS.CardServiceApi {
  return {
    newCardBuilder: () => new FakeCardBuilder(),
    newCardHeader: () => new FakeCardHeader(),
    newCardSection: () => new FakeCardSection(),
    newTextParagraph: () => new FakeTextParagraph(),
    newDecoratedText: () => new FakeDecoratedText(),
    newIconImage: () => new FakeIconImage(),
    newButtonSet: () => new FakeButtonSet(),
    newTextButton: () => new FakeTextButton(),
    newTextInput: () => new FakeTextInput(),
    newSelectionInput: () => new FakeSelectionInput(),
    newSwitch: () => new FakeSwitch(),
    newImage: () => new FakeImage(),
    newDivider: () => new FakeDivider(),
    newFixedFooter: () => new FakeFixedFooter(),
    newAction: () => new FakeAction(),
    newOpenLink: () => new FakeOpenLink(),
    newNavigation: () => new FakeNavigation(),
    newNotification: () => new FakeNotification(),
    newActionResponseBuilder: () => new FakeActionResponseBuilder(),
    newUniversalActionResponseBuilder: () => new FakeUniversalActionResponseBuilder(),
    newEditorFileScopeActionResponseBuilder: () => new FakeEditorFileScopeBuilder(),
    newDriveItemsSelectedActionResponseBuilder: () => new FakeDriveItemsSelectedBuilder(),
    OpenAs: enumOf('FULL_SIZE', 'OVERLAY'),
    OnClose: enumOf('NOTHING', 'RELOAD'),
    LoadIndicator: enumOf('SPINNER', 'NONE'),
    SelectionInputType: enumOf('CHECK_BOX', 'RADIO_BUTTON', 'SWITCH', 'DROPDOWN'),
    TextButtonStyle: enumOf('OUTLINED', 'TEXT', 'FILLED', 'FILLED_TONAL', 'BORDERLESS'),
    ImageStyle: enumOf('SQUARE', 'CIRCLE'),
    SwitchControlType: enumOf('SWITCH', 'CHECK_BOX'),
    Icon: enumOf('BOOKMARK', 'CLOCK', 'DESCRIPTION', 'EMAIL', 'INVITE', 'MEMBERSHIP', 'MULTIPLE_PEOPLE', 'PERSON', 'STAR', 'DOLLAR', 'TICKET'),
  };
}
