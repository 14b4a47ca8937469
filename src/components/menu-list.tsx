import { Text, View } from '@tarojs/components'
import './menu-list.css'

export interface MenuEntry {
  key: string
  title: string
  extra?: string
  danger?: boolean
  onTap: () => void
}

/** A list of tappable rows (我的 page menus); each row gets the hook `e2e-menu-<key>`. */
export function MenuList({ entries }: { entries: MenuEntry[] }) {
  if (entries.length === 0) return null
  return (
    <View className="menu">
      {entries.map((e) => (
        <View key={e.key} className={`menu__item e2e-menu-${e.key}`} onClick={e.onTap}>
          <Text className={`menu__title ${e.danger ? 'menu__title--danger' : ''}`}>{e.title}</Text>
          <View>
            {e.extra && <Text className="menu__extra">{e.extra}</Text>}
            <Text className="menu__arrow">›</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
