// One implementation of working days for every deadline on the platform: it lives with the overdracht rules.
export { addDays, addWorkingDays, dutchHolidays, easterSunday, isWorkingDay } from '@estafette/overdracht';
