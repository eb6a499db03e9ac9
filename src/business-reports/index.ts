/**
 * Monthly business reports of KPM in business programs (UEP, Prokus): the one module that reads
 * and writes the business_report tables. See prisma/schema.prisma (BusinessReport) for the model.
 */
export * from './business-report.js';
export * from './business-programs.js';
export * from './read-business-reports.js';
export * from './reference-number.js';
export * from './report-period.js';
export * from './save-business-report.js';
