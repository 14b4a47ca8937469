/** Pages outside the tab bar, by their subpackage path. */
export const LOGIN_PAGE = '/packages/account/pages/login/index'
export const BIND_PAGE = '/packages/binding/pages/bind/index'
export const REVIEW_PAGE = '/packages/binding/pages/review/index'
export const PROFILE_PAGE = '/packages/profile/pages/edit/index'
export const PRIVACY_PAGE = '/packages/profile/pages/privacy/index'
export const STAFF_REVIEWS_PAGE = '/packages/staff/pages/reviews/index'
export const STAFF_ROSTER_PAGE = '/packages/staff/pages/roster/index'
export const ME_TAB = '/pages/me/index'
