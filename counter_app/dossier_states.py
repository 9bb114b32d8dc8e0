"""Dossier states as the National Public Service Portal numbers them (1–10), and the moves allowed.

A counter receives a dossier straight into 2 (Được tiếp nhận) or refuses it (3); state 1 belongs
to filings that arrive from the portal. The sync engine and the hub check pulled or pushed state
changes with `is_allowed`, so a stale counter cannot move a dossier backwards.
"""

from __future__ import annotations

from enum import IntEnum

from counter_app.i18n import QT_TRANSLATE_NOOP


class DossierState(IntEnum):
    MOI_DANG_KY = 1
    DUOC_TIEP_NHAN = 2
    KHONG_DUOC_TIEP_NHAN = 3
    DANG_XU_LY = 4
    YEU_CAU_BO_SUNG = 5
    YEU_CAU_NGHIA_VU_TAI_CHINH = 6
    CONG_DAN_RUT_HO_SO = 7
    DUNG_XU_LY = 8
    DA_XU_LY_XONG = 9
    DA_TRA_KET_QUA = 10

    @property
    def label_vi(self) -> str:
        return LABELS_VI[self]


S = DossierState
LABELS_VI: dict[DossierState, str] = {
    S.MOI_DANG_KY: QT_TRANSLATE_NOOP("core", "Mới đăng ký"),
    S.DUOC_TIEP_NHAN: QT_TRANSLATE_NOOP("core", "Được tiếp nhận"),
    S.KHONG_DUOC_TIEP_NHAN: QT_TRANSLATE_NOOP("core", "Không được tiếp nhận"),
    S.DANG_XU_LY: QT_TRANSLATE_NOOP("core", "Đang xử lý"),
    S.YEU_CAU_BO_SUNG: QT_TRANSLATE_NOOP("core", "Yêu cầu bổ sung giấy tờ"),
    S.YEU_CAU_NGHIA_VU_TAI_CHINH: QT_TRANSLATE_NOOP("core", "Yêu cầu thực hiện nghĩa vụ tài chính"),
    S.CONG_DAN_RUT_HO_SO: QT_TRANSLATE_NOOP("core", "Công dân yêu cầu rút hồ sơ"),
    S.DUNG_XU_LY: QT_TRANSLATE_NOOP("core", "Dừng xử lý"),
    S.DA_XU_LY_XONG: QT_TRANSLATE_NOOP("core", "Đã xử lý xong"),
    S.DA_TRA_KET_QUA: QT_TRANSLATE_NOOP("core", "Đã trả kết quả"),
}
_WITHDRAW_OR_STOP = {S.CONG_DAN_RUT_HO_SO, S.DUNG_XU_LY}
TRANSITIONS: dict[DossierState, frozenset[DossierState]] = {
    S.MOI_DANG_KY: frozenset({S.DUOC_TIEP_NHAN, S.KHONG_DUOC_TIEP_NHAN, S.YEU_CAU_BO_SUNG, S.CONG_DAN_RUT_HO_SO}),
    S.DUOC_TIEP_NHAN: frozenset(
        {S.DANG_XU_LY, S.YEU_CAU_BO_SUNG, S.YEU_CAU_NGHIA_VU_TAI_CHINH, S.DA_XU_LY_XONG, S.KHONG_DUOC_TIEP_NHAN}
        | _WITHDRAW_OR_STOP
    ),
    S.DANG_XU_LY: frozenset({S.YEU_CAU_BO_SUNG, S.YEU_CAU_NGHIA_VU_TAI_CHINH, S.DA_XU_LY_XONG, *_WITHDRAW_OR_STOP}),
    S.YEU_CAU_BO_SUNG: frozenset({S.DUOC_TIEP_NHAN, S.DANG_XU_LY, S.KHONG_DUOC_TIEP_NHAN, *_WITHDRAW_OR_STOP}),
    S.YEU_CAU_NGHIA_VU_TAI_CHINH: frozenset({S.DANG_XU_LY, S.DA_XU_LY_XONG, *_WITHDRAW_OR_STOP}),
    S.DA_XU_LY_XONG: frozenset({S.DA_TRA_KET_QUA}),
    S.KHONG_DUOC_TIEP_NHAN: frozenset(),
    S.CONG_DAN_RUT_HO_SO: frozenset(),
    S.DUNG_XU_LY: frozenset(),
    S.DA_TRA_KET_QUA: frozenset(),
}
TERMINAL = frozenset(state for state, targets in TRANSITIONS.items() if not targets)
OPEN = frozenset(DossierState) - TERMINAL - {S.DA_XU_LY_XONG}
NEEDS_REASON = frozenset({S.KHONG_DUOC_TIEP_NHAN, S.YEU_CAU_BO_SUNG, S.CONG_DAN_RUT_HO_SO, S.DUNG_XU_LY})


def is_allowed(from_state: int, to_state: int) -> bool:
    """True when a dossier may move from `from_state` to `to_state` (unknown numbers: False)."""
    try:
        return DossierState(to_state) in TRANSITIONS[DossierState(from_state)]
    except ValueError:
        return False
