// BoDesk: the clerks' desktop front end. A main window with a list of the
// day's payments, a status bar, and a menu to run reports.
#include "../common/bo_common.h"
#include "resource.h"

#include <commctrl.h>
#include <stdio.h>

#pragma comment(lib, "comctl32.lib")
#pragma comment(lib, "user32.lib")
#pragma comment(lib, "gdi32.lib")

static const wchar_t kClassName[] = L"BoDeskMainWindow";
static HINSTANCE g_instance;
static HWND g_list;
static HWND g_status;
static BoSettings g_settings;

static void add_columns(HWND list) {
  const wchar_t *titles[] = {L"Office", L"Payee", L"Amount (yuan)", L"State"};
  const int widths[] = {80, 260, 120, 100};
  for (int i = 0; i < 4; ++i) {
    LVCOLUMNW col;
    ZeroMemory(&col, sizeof col);
    col.mask = LVCF_TEXT | LVCF_WIDTH | LVCF_SUBITEM;
    col.pszText = const_cast<LPWSTR>(titles[i]);
    col.cx = widths[i];
    col.iSubItem = i;
    SendMessageW(list, LVM_INSERTCOLUMNW, i, (LPARAM)&col);
  }
}

static void refresh_list() {
  SendMessageW(g_list, LVM_DELETEALLITEMS, 0, 0);
  BoSession *session = bo_open_session(&g_settings);
  if (!session) {
    SendMessageW(g_status, SB_SETTEXTW, 0, (LPARAM)L"SQL Server unreachable");
    return;
  }
  long rows = bo_execute(session, L"EXEC dbo.RefreshDeskView");
  bo_close_session(session);
  wchar_t text[64];
  swprintf_s(text, 64, L"%ld payments today", rows < 0 ? 0 : rows);
  SendMessageW(g_status, SB_SETTEXTW, 0, (LPARAM)text);
}

static LRESULT CALLBACK main_proc(HWND hwnd, UINT msg, WPARAM wp, LPARAM lp) {
  switch (msg) {
  case WM_CREATE:
    g_list = CreateWindowExW(WS_EX_CLIENTEDGE, WC_LISTVIEWW, L"",
                             WS_CHILD | WS_VISIBLE | LVS_REPORT | LVS_SHOWSELALWAYS, 0, 0, 0, 0,
                             hwnd, (HMENU)IDC_PAYMENT_LIST, g_instance, NULL);
    g_status = CreateWindowExW(0, STATUSCLASSNAMEW, NULL, WS_CHILD | WS_VISIBLE | SBARS_SIZEGRIP,
                               0, 0, 0, 0, hwnd, (HMENU)IDC_STATUS, g_instance, NULL);
    add_columns(g_list);
    SetTimer(hwnd, IDT_REFRESH, 5 * 60 * 1000, NULL);
    refresh_list();
    return 0;
  case WM_SIZE: {
    RECT rc, sb;
    GetClientRect(hwnd, &rc);
    SendMessageW(g_status, WM_SIZE, 0, 0);
    GetWindowRect(g_status, &sb);
    MoveWindow(g_list, 0, 0, rc.right, rc.bottom - (sb.bottom - sb.top), TRUE);
    return 0;
  }
  case WM_TIMER:
    if (wp == IDT_REFRESH)
      refresh_list();
    return 0;
  case WM_COMMAND:
    switch (LOWORD(wp)) {
    case IDM_REFRESH:
      refresh_list();
      break;
    case IDM_EXPORT:
      if (bo_export_day(g_settings.export_folder, 0, 0) == 0)
        MessageBoxW(hwnd, L"Export written.", L"Back office", MB_OK | MB_ICONINFORMATION);
      else
        MessageBoxW(hwnd, L"Export failed; see the log.", L"Back office", MB_OK | MB_ICONERROR);
      break;
    case IDM_EXIT:
      DestroyWindow(hwnd);
      break;
    }
    return 0;
  case WM_DESTROY:
    KillTimer(hwnd, IDT_REFRESH);
    PostQuitMessage(0);
    return 0;
  }
  return DefWindowProcW(hwnd, msg, wp, lp);
}

int WINAPI wWinMain(HINSTANCE instance, HINSTANCE, LPWSTR, int show) {
  g_instance = instance;
  INITCOMMONCONTROLSEX icc = {sizeof icc, ICC_LISTVIEW_CLASSES | ICC_BAR_CLASSES};
  InitCommonControlsEx(&icc);
  bo_load_settings(&g_settings);

  WNDCLASSEXW wc;
  ZeroMemory(&wc, sizeof wc);
  wc.cbSize = sizeof wc;
  wc.lpfnWndProc = main_proc;
  wc.hInstance = instance;
  wc.hIcon = LoadIconW(instance, MAKEINTRESOURCEW(IDI_BODESK));
  wc.hCursor = LoadCursorW(NULL, (LPCWSTR)IDC_ARROW);
  wc.hbrBackground = (HBRUSH)(COLOR_WINDOW + 1);
  wc.lpszMenuName = MAKEINTRESOURCEW(IDR_MAINMENU);
  wc.lpszClassName = kClassName;
  if (!RegisterClassExW(&wc))
    return 1;

  HWND hwnd = CreateWindowExW(0, kClassName, L"Back office - payments", WS_OVERLAPPEDWINDOW,
                              CW_USEDEFAULT, CW_USEDEFAULT, 800, 560, NULL, NULL, instance, NULL);
  if (!hwnd)
    return 1;
  ShowWindow(hwnd, show);
  UpdateWindow(hwnd);

  HACCEL accel = LoadAcceleratorsW(instance, MAKEINTRESOURCEW(IDR_ACCEL));
  MSG msg;
  while (GetMessageW(&msg, NULL, 0, 0) > 0) {
    if (!TranslateAcceleratorW(hwnd, accel, &msg)) {
      TranslateMessage(&msg);
      DispatchMessageW(&msg);
    }
  }
  return (int)msg.wParam;
}
