// Prints the daily totals sheet on the office printer with GDI.
#include "../common/bo_common.h"

#include <commdlg.h>
#include <wchar.h>

#pragma comment(lib, "comdlg32.lib")

static int draw_line(HDC dc, int y, const wchar_t *text) {
  TextOutW(dc, 200, y, text, (int)wcslen(text));
  TEXTMETRICW tm;
  GetTextMetricsW(dc, &tm);
  return y + tm.tmHeight + tm.tmExternalLeading;
}

bool print_daily_totals(HWND owner, const bo_amount *totals, int offices) {
  PRINTDLGW pd;
  ZeroMemory(&pd, sizeof pd);
  pd.lStructSize = sizeof pd;
  pd.hwndOwner = owner;
  pd.Flags = PD_RETURNDC | PD_NOPAGENUMS | PD_NOSELECTION;
  if (!PrintDlgW(&pd))
    return false;

  DOCINFOW doc;
  ZeroMemory(&doc, sizeof doc);
  doc.cbSize = sizeof doc;
  doc.lpszDocName = L"Daily totals";
  HDC dc = pd.hDC;
  HFONT font = CreateFontW(-MulDiv(10, GetDeviceCaps(dc, LOGPIXELSY), 72), 0, 0, 0, FW_NORMAL,
                           FALSE, FALSE, FALSE, GB2312_CHARSET, OUT_DEFAULT_PRECIS,
                           CLIP_DEFAULT_PRECIS, DEFAULT_QUALITY, FIXED_PITCH, L"SimSun");
  HGDIOBJ old = SelectObject(dc, font);
  StartDocW(dc, &doc);
  StartPage(dc);
  int y = draw_line(dc, 200, L"Office      Total (yuan)");
  __int64 grand = 0;
  for (int i = 0; i < offices; ++i) {
    wchar_t text[80];
    swprintf_s(text, 80, L"%04d  %16I64d.%02d", i + 1, totals[i] / 100, (int)(totals[i] % 100));
    y = draw_line(dc, y, text);
    grand += totals[i];
  }
  wchar_t text[80];
  swprintf_s(text, 80, L"ALL   %16I64d.%02d", grand / 100, (int)(grand % 100));
  draw_line(dc, y + 40, text);
  EndPage(dc);
  EndDoc(dc);
  SelectObject(dc, old);
  DeleteObject(font);
  DeleteDC(dc);
  return true;
}
