<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Palette</name>
    <message>
        <location filename="../../quickreply/ui/palette/window.py" line="95"/>
        <source>快捷回复</source>
        <translation>QuickReply</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/window.py" line="107"/>
        <source>搜索回复：中文、拼音、首字母或快捷编码</source>
        <translation>Search replies: Chinese, pinyin, initials or a shortcut code</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/window.py" line="321"/>
        <source>在此修改 · Tab 采用建议 · Enter 粘贴所示文字 · Shift+Enter 换行 · Esc 返回</source>
        <translation>Edit here · Tab apply suggestion · Enter paste the text shown · Shift+Enter new line · Esc back</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/window.py" line="349"/>
        <source>↑↓/Tab 选择 · Enter 粘贴 · Ctrl+Enter 仅复制 · Alt+1–9 直接选 · Esc 关闭</source>
        <translation>↑↓/Tab select · Enter paste · Ctrl+Enter copy only · Alt+1–9 pick · Esc close</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/results.py" line="192"/>
        <source>没有找到匹配的回复</source>
        <translation>No reply matches</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/window.py" line="287"/>
        <source>Enter 下一项 / 最后一项粘贴 · Esc 返回</source>
        <translation>Enter: next field / paste after the last · Esc: back</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/window.py" line="297"/>
        <source>请填写「%1」</source>
        <translation>Please fill in “%1”</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="185"/>
        <source>这条回复可能触犯平台红线，可以直接在下面修改：</source>
        <translation>This reply may break a platform rule; you can fix it right here:</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="187"/>
        <source>没有红线问题了，按 Enter 粘贴。</source>
        <translation>No rule problems left; press Enter to paste.</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="207"/>
        <source>另有 %1 处已在文中标出</source>
        <translation>%1 more marked in the text</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="231"/>
        <source>改为「%1」</source>
        <translation>Change to “%1”</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="233"/>
        <source>删去</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="288"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="289"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/gate.py" line="290"/>
        <source>提示</source>
        <translation>Info</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/form.py" line="132"/>
        <source>将要发送：</source>
        <translation>Will be sent:</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/form.py" line="153"/>
        <source>填写「%1」的空白：</source>
        <translation>Fill in the blanks of “%1”:</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette/form.py" line="164"/>
        <location filename="../../quickreply/ui/palette/form.py" line="179"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
</context>
<context>
    <name>QuickReplyApp</name>
    <message>
        <location filename="../../quickreply/ui/controller.py" line="209"/>
        <source>话术「%1」下一步（%2/%3）：%4</source>
        <translation>Script “%1”, next step (%2/%3): %4</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/controller.py" line="232"/>
        <source>快捷键 %1 已被其他程序占用，请在设置中换一个</source>
        <translation>The hotkey %1 is taken by another program; choose another one in the settings</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/controller.py" line="240"/>
        <source>无法注册全局快捷键 %1：%2</source>
        <translation>Cannot register the global hotkey %1: %2</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/controller.py" line="301"/>
        <source>搜索面板没有得到键盘焦点，请用鼠标点一下面板再输入</source>
        <translation>The search palette did not get the keyboard focus; click it once, then type</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/controller.py" line="368"/>
        <location filename="../../quickreply/ui/controller.py" line="402"/>
        <location filename="../../quickreply/ui/controller.py" line="432"/>
        <location filename="../../quickreply/ui/reloading.py" line="68"/>
        <location filename="../../quickreply/ui/team_updates.py" line="42"/>
        <source>快捷回复</source>
        <translation>QuickReply</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/controller.py" line="402"/>
        <source>界面语言将在重新启动后生效</source>
        <translation>The new language takes effect after a restart</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/controller.py" line="425"/>
        <source>红线检查无法启动，粘贴前不会检查：%1</source>
        <translation>The red-line checker could not start; replies are pasted unchecked: %1</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/reloading.py" line="49"/>
        <source>回复包没有载入：%1</source>
        <translation>The pack was not loaded: %1</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/reloading.py" line="61"/>
        <source>回复已更新：新增 %1 条，修改 %2 条，删除 %3 条</source>
        <translation>Replies updated: %1 added, %2 changed, %3 removed</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/team_updates.py" line="57"/>
        <source>团队话术包没有更新，仍在使用上次检查通过的版本：%1</source>
        <translation>A team pack was not updated; the last copy that passed its checks stays in use: %1</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../quickreply/core/settings.py" line="103"/>
        <source>打开搜索面板的全局快捷键</source>
        <translation>Global hotkey that opens the search palette</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="109"/>
        <source>界面语言（auto 跟随系统）</source>
        <translation>Interface language (auto follows the system)</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="116"/>
        <source>红线检查按哪个平台的规则</source>
        <translation>Platform whose red-line rules the checker uses</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="119"/>
        <source>客服名字，填入 {客服}</source>
        <translation>Agent name, fills {agent}</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="120"/>
        <source>店铺名称，填入 {店铺}</source>
        <translation>Shop name, fills {shop}</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="125"/>
        <source>默认的粘贴按键</source>
        <translation>Default paste keystroke</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="132"/>
        <source>按程序指定粘贴按键，如 {&quot;xterm&quot;: &quot;shift+insert&quot;}</source>
        <translation>Paste keystroke per program, e.g. {&quot;xterm&quot;: &quot;shift+insert&quot;}</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="139"/>
        <source>粘贴后多久恢复原剪贴板（毫秒）</source>
        <translation>Delay before the earlier clipboard comes back (ms)</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="147"/>
        <source>打字速度（每分钟字数），用来估算节省的时间</source>
        <translation>Typing speed (characters a minute), to estimate the time saved</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="155"/>
        <source>发现红线错误时先确认再粘贴</source>
        <translation>Ask before pasting a reply with a red-line error</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../quickreply/ui/settings_dialog.py" line="28"/>
        <source>快捷回复助手 设置</source>
        <translation>QuickReply settings</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/settings_dialog.py" line="89"/>
        <source>请写成 JSON，例如 {&quot;xterm&quot;: &quot;shift+insert&quot;}</source>
        <translation>Write it as JSON, e.g. {&quot;xterm&quot;: &quot;shift+insert&quot;}</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="27"/>
        <location filename="../../quickreply/ui/tray.py" line="58"/>
        <source>搜索回复</source>
        <translation>Search replies</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="29"/>
        <source>暂停快捷键</source>
        <translation>Pause hotkeys</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="32"/>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="34"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/tray.py" line="46"/>
        <source>快捷回复助手</source>
        <translation>QuickReply assistant</translation>
    </message>
</context>
</TS>
