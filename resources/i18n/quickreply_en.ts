<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Palette</name>
    <message>
        <location filename="../../quickreply/ui/palette.py" line="166"/>
        <source>快捷回复</source>
        <translation>QuickReply</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette.py" line="178"/>
        <source>搜索回复：中文、拼音、首字母或快捷编码</source>
        <translation>Search replies: Chinese, pinyin, initials or a shortcut code</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette.py" line="211"/>
        <source>没有找到匹配的回复</source>
        <translation>No reply matches</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette.py" line="411"/>
        <source>填写「%1」的空白：</source>
        <translation>Fill in the blanks of “%1”:</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette.py" line="428"/>
        <source>Enter 下一项 / 最后一项粘贴 · Esc 返回</source>
        <translation>Enter: next field / paste after the last · Esc: back</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette.py" line="437"/>
        <source>请填写「%1」</source>
        <translation>Please fill in “%1”</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette.py" line="466"/>
        <source>这条回复可能触犯平台红线：</source>
        <translation>This reply may break a platform rule:</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette.py" line="472"/>
        <source>再按 Enter 仍然粘贴 · Esc 返回修改</source>
        <translation>Press Enter again to paste anyway · Esc to go back</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette.py" line="490"/>
        <source>↑↓/Tab 选择 · Enter 粘贴 · Ctrl+Enter 仅复制 · Alt+1–9 直接选（搜索框为空时 1–9）· Esc 关闭</source>
        <translation>↑↓/Tab select · Enter paste · Ctrl+Enter copy only · Alt+1–9 pick (1–9 when the box is empty) · Esc close</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette.py" line="590"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette.py" line="591"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/palette.py" line="592"/>
        <source>提示</source>
        <translation>Info</translation>
    </message>
</context>
<context>
    <name>QuickReplyApp</name>
    <message>
        <location filename="../../quickreply/ui/app.py" line="237"/>
        <source>话术「%1」下一步（%2/%3）：%4</source>
        <translation>Script “%1”, next step (%2/%3): %4</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/app.py" line="259"/>
        <source>快捷键 %1 已被其他程序占用，请在设置中换一个</source>
        <translation>The hotkey %1 is taken by another program; choose another one in the settings</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/app.py" line="267"/>
        <source>无法注册全局快捷键 %1：%2</source>
        <translation>Cannot register the global hotkey %1: %2</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/app.py" line="328"/>
        <source>搜索面板没有得到键盘焦点，请用鼠标点一下面板再输入</source>
        <translation>The search palette did not get the keyboard focus; click it once, then type</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/app.py" line="388"/>
        <location filename="../../quickreply/ui/app.py" line="422"/>
        <location filename="../../quickreply/ui/app.py" line="450"/>
        <source>快捷回复</source>
        <translation>QuickReply</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/app.py" line="422"/>
        <source>界面语言将在重新启动后生效</source>
        <translation>The new language takes effect after a restart</translation>
    </message>
    <message>
        <location filename="../../quickreply/ui/app.py" line="443"/>
        <source>红线检查无法启动，粘贴前不会检查：%1</source>
        <translation>The red-line checker could not start; replies are pasted unchecked: %1</translation>
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
        <source>发现红线错误时先确认再粘贴</source>
        <translation>Ask before pasting a reply with a red-line error</translation>
    </message>
    <message>
        <location filename="../../quickreply/core/settings.py" line="154"/>
        <source>登录系统后自动启动快捷回复</source>
        <translation>Start QuickReply when you sign in</translation>
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
