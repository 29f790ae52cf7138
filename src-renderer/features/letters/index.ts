/**
 * What other features use from the letters feature: the customer page's "Prepare a letter" button,
 * and `openArchivedLetter(interaction)` for the customer's timeline (an entry of kind `letter` with a
 * `documentPath`: call it from a click, it opens the PDF in the system viewer or a new tab).
 */
export { openArchivedLetter } from './letter-production';
export { CustomerLetterButton } from './LetterOnDemand';
