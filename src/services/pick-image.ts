import Taro from '@tarojs/taro'

/** One picture from the album or the camera, compressed; null when the user cancels. */
export async function pickOneImage(): Promise<string | null> {
  try {
    const picked = await Taro.chooseImage({
      count: 1,
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    })
    return picked.tempFilePaths[0] ?? null
  } catch {
    return null // cancelled
  }
}
