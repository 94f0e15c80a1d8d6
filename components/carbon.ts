"use client";

/**
 * The Carbon components the console uses, imported from their own modules: the @carbon/react barrel pulls every
 * component (date picker, flatpickr, …) into the client bundle, about 200 KB gzipped that no page needs.
 * Import Carbon from here, never from "@carbon/react".
 */
import "@carbon/react/es/feature-flags.js";

export { default as Button } from "@carbon/react/es/components/Button/Button.js";
export { default as ButtonSet } from "@carbon/react/es/components/ButtonSet/ButtonSet.js";
export { default as Checkbox } from "@carbon/react/es/components/Checkbox/Checkbox.js";
export { default as CodeSnippet } from "@carbon/react/es/components/CodeSnippet/CodeSnippet.js";
export { default as Content } from "@carbon/react/es/components/UIShell/Content.js";
export { default as DatePicker } from "@carbon/react/es/components/DatePicker/DatePicker.js";
export { default as DatePickerInput } from "@carbon/react/es/components/DatePickerInput/DatePickerInput.js";
export { default as DataTableSkeleton } from "@carbon/react/es/components/DataTableSkeleton/DataTableSkeleton.js";
export { default as FileUploaderDropContainer } from "@carbon/react/es/components/FileUploader/FileUploaderDropContainer.js";
export { default as FileUploaderItem } from "@carbon/react/es/components/FileUploader/FileUploaderItem.js";
export { default as Header } from "@carbon/react/es/components/UIShell/Header.js";
export { default as HeaderGlobalAction } from "@carbon/react/es/components/UIShell/HeaderGlobalAction.js";
export { default as HeaderGlobalBar } from "@carbon/react/es/components/UIShell/HeaderGlobalBar.js";
export { HeaderMenu } from "@carbon/react/es/components/UIShell/HeaderMenu.js";
export { default as HeaderMenuItem } from "@carbon/react/es/components/UIShell/HeaderMenuItem.js";
export { default as HeaderName } from "@carbon/react/es/components/UIShell/HeaderName.js";
export { default as HeaderNavigation } from "@carbon/react/es/components/UIShell/HeaderNavigation.js";
export { default as HeaderPanel } from "@carbon/react/es/components/UIShell/HeaderPanel.js";
export { default as InlineLoading } from "@carbon/react/es/components/InlineLoading/InlineLoading.js";
export { InlineNotification } from "@carbon/react/es/components/Notification/Notification.js";
export { default as Modal } from "@carbon/react/es/components/Modal/Modal.js";
export { NumberInput } from "@carbon/react/es/components/NumberInput/NumberInput.js";
export { OverflowMenu } from "@carbon/react/es/components/OverflowMenu/index.js";
export { default as OverflowMenuItem } from "@carbon/react/es/components/OverflowMenuItem/OverflowMenuItem.js";
export { default as Pagination } from "@carbon/react/es/components/Pagination/Pagination.js";
export { default as PasswordInput } from "@carbon/react/es/components/TextInput/PasswordInput.js";
export { default as RadioButton } from "@carbon/react/es/components/RadioButton/RadioButton.js";
export { default as RadioButtonGroup } from "@carbon/react/es/components/RadioButtonGroup/RadioButtonGroup.js";
export { default as Select } from "@carbon/react/es/components/Select/Select.js";
export { default as SelectItem } from "@carbon/react/es/components/SelectItem/SelectItem.js";
export { default as SideNav } from "@carbon/react/es/components/UIShell/SideNav.js";
export { default as SideNavItems } from "@carbon/react/es/components/UIShell/SideNavItems.js";
export { default as SideNavLink } from "@carbon/react/es/components/UIShell/SideNavLink.js";
export { SideNavMenu } from "@carbon/react/es/components/UIShell/SideNavMenu.js";
export { default as SideNavMenuItem } from "@carbon/react/es/components/UIShell/SideNavMenuItem.js";
export { default as SkipToContent } from "@carbon/react/es/components/UIShell/SkipToContent.js";
export { Stack } from "@carbon/react/es/components/Stack/Stack.js";
export { StructuredListBody } from "@carbon/react/es/components/StructuredList/StructuredList.js";
export { StructuredListCell } from "@carbon/react/es/components/StructuredList/StructuredList.js";
export { StructuredListHead } from "@carbon/react/es/components/StructuredList/StructuredList.js";
export { StructuredListRow } from "@carbon/react/es/components/StructuredList/StructuredList.js";
export { StructuredListWrapper } from "@carbon/react/es/components/StructuredList/StructuredList.js";
export { Table } from "@carbon/react/es/components/DataTable/Table.js";
export { default as TableBatchAction } from "@carbon/react/es/components/DataTable/TableBatchAction.js";
export { default as TableBatchActions } from "@carbon/react/es/components/DataTable/TableBatchActions.js";
export { default as TableBody } from "@carbon/react/es/components/DataTable/TableBody.js";
export { default as TableCell } from "@carbon/react/es/components/DataTable/TableCell.js";
export { default as TableContainer } from "@carbon/react/es/components/DataTable/TableContainer.js";
export { default as TableHead } from "@carbon/react/es/components/DataTable/TableHead.js";
export { default as TableHeader } from "@carbon/react/es/components/DataTable/TableHeader.js";
export { default as TableRow } from "@carbon/react/es/components/DataTable/TableRow.js";
export { default as TableSelectAll } from "@carbon/react/es/components/DataTable/TableSelectAll.js";
export { default as TableSelectRow } from "@carbon/react/es/components/DataTable/TableSelectRow.js";
export { default as TableToolbar } from "@carbon/react/es/components/DataTable/TableToolbar.js";
export { default as TableToolbarContent } from "@carbon/react/es/components/DataTable/TableToolbarContent.js";
export { default as TableToolbarSearch } from "@carbon/react/es/components/DataTable/TableToolbarSearch.js";
export { default as Tag } from "@carbon/react/es/components/Tag/Tag.js";
export { default as TextArea } from "@carbon/react/es/components/TextArea/TextArea.js";
export { default as TextInput } from "@carbon/react/es/components/TextInput/TextInput.js";
export { default as TimePicker } from "@carbon/react/es/components/TimePicker/TimePicker.js";
export { ToastNotification } from "@carbon/react/es/components/Notification/Notification.js";
export { Toggle } from "@carbon/react/es/components/Toggle/Toggle.js";
