/** The data layer: the Dexie database, its schema and one repository per kind of record. */
export { RelanceDatabase, openDatabase, getDatabase, DEFAULT_DATABASE_NAME, type SettingRecord } from './database';
export { SCHEMA_VERSIONS, CURRENT_SCHEMA, TABLE_NAMES, DATA_TABLES, type SchemaVersion, type TableName } from './schema';
export { listCustomers, getCustomer, countCustomers, putCustomer, type CustomerInput } from './customers-repo';
export {
  listInvoicesForCustomer,
  getInvoice,
  getInvoiceByNumber,
  countInvoices,
  putInvoice,
  type InvoiceInput,
} from './invoices-repo';
export { recordPayment, listPaymentsForCustomer, type PaymentInput } from './payments-repo';
export { addInteraction, listInteractionsForCustomer, type InteractionInput } from './interactions-repo';
export { getSettings, saveSettings } from './settings-repo';
export { loadDemoData, clearAllData, DatabaseNotEmptyError, type DemoLoadCounts } from './demo-repo';
