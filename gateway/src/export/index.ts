export { installCsvExport, type CsvExportOptions } from './csv-export';
export { columnsOf, csvField, csvLine, findList, flattenRow } from './flatten';
