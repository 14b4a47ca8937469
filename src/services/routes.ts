/** Pages outside the tab bar, by their subpackage path. */
export const LOGIN_PAGE = '/packages/account/pages/login/index'
